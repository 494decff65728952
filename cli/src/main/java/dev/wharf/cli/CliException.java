package dev.wharf.cli;

/**
 * An error to show the user as one or more sentences, then exit non-zero. The message is printed as is: it
 * already says what went wrong and, where it can, what to do about it.
 */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message) {
        this(message, 1, null);
    }

    public CliException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
