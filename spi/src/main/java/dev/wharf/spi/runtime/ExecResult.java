package dev.wharf.spi.runtime;

/** Outcome of a command run inside a container; {@code timedOut} means the command was killed at its deadline. */
public record ExecResult(int exitCode, String output, boolean timedOut) {
}
