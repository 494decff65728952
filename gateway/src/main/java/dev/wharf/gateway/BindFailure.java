package dev.wharf.gateway;

import dev.wharf.gateway.model.Listener;

/** A listener of the applied config that could not be bound, and why (address in use, no such address...). */
public record BindFailure(Listener listener, String reason) {
}
