package dev.wharf.cli.manifest;

import dev.wharf.cli.CliException;

/** A manifest that cannot be read or parsed; the message names the file, the document and, if known, the line. */
public class ManifestException extends CliException {
    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
