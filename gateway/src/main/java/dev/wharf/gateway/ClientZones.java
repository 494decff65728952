package dev.wharf.gateway;

import java.net.InetAddress;

/** Tells the zone of a client address (the node it runs on); "" when unknown, then the gateway's local zone applies. */
@FunctionalInterface
public interface ClientZones {
    ClientZones UNKNOWN = client -> "";

    String zoneOf(InetAddress client);
}
