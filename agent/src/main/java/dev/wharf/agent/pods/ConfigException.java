package dev.wharf.agent.pods;

/**
 * A container cannot be configured (a missing ConfigMap or Secret key, a bad subPath): the container waits with
 * reason {@code CreateContainerConfigError} and the message, as the kubelet reports it, until the pod is synced
 * again and the input exists.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
