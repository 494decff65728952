package dev.wharf.spi.runtime;

/** Lifecycle of a container as CRI names it. */
public enum ContainerState {
    CREATED, RUNNING, EXITED, UNKNOWN
}
