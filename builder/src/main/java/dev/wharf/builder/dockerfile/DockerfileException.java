package dev.wharf.builder.dockerfile;

/** A Dockerfile problem, with the file name and line: {@code Dockerfile:12: ONBUILD is not supported}. */
public final class DockerfileException extends RuntimeException {
    private final int line;

    public DockerfileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
