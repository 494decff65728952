package dev.wharf.server;

import dev.wharf.server.cmd.ServerOptions;

/** Turns a failed start into a sentence a person can act on. */
final class StartupErrors {
    private StartupErrors() {
    }

    static String explain(Throwable e, ServerOptions o) {
        Throwable root = e;
        StringBuilder chain = new StringBuilder(String.valueOf(e.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            chain.append(": ").append(root.getMessage());
        }
        String all = chain.toString();
        if (all.contains("Address already in use")) {
            return "a port is already in use (API " + o.apiPort() + ", registry " + o.registryPort()
                    + "): is another Wharf running? Stop it, or pick other ports with --api-port and --registry-port.";
        }
        if (all.contains("database is locked") || all.contains("SQLITE_BUSY")) {
            return "the data dir " + o.dataDir() + " is in use by another Wharf process.";
        }
        return all;
    }
}
