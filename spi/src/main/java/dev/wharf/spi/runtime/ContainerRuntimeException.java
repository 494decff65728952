package dev.wharf.spi.runtime;

/** A runtime operation failed; {@link #notFound()} tells an unknown id from other failures. */
public class ContainerRuntimeException extends RuntimeException {
    private final boolean notFound;

    public ContainerRuntimeException(String message) {
        this(message, null, false);
    }

    public ContainerRuntimeException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private ContainerRuntimeException(String message, Throwable cause, boolean notFound) {
        super(message, cause);
        this.notFound = notFound;
    }

    public static ContainerRuntimeException notFound(String kind, String id) {
        return new ContainerRuntimeException(kind + " " + id + " not found", null, true);
    }

    public boolean notFound() {
        return notFound;
    }
}
