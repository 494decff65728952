package dev.wharf.spi.runtime;

/**
 * A running pod sandbox: the network every container of the pod joins.
 *
 * @param id      the runtime's id of the sandbox (stable across runtime restarts)
 * @param ip      the pod IP
 * @param netns   the network namespace path, empty for drivers without one
 */
public record Sandbox(String id, SandboxSpec spec, String ip, String netns) {
}
