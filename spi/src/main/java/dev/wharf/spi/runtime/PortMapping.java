package dev.wharf.spi.runtime;

/** A host port forwarded to a port of the pod (hostPort in Kubernetes). */
public record PortMapping(int containerPort, int hostPort, String protocol) {
}
