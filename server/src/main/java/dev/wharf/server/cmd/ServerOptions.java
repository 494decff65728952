package dev.wharf.server.cmd;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags `wharf dev` and `wharf server` share. */
public final class ServerOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where Wharf keeps its state, certificates and kubeconfig (default: ~/.wharf).")
    Path dataDir;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "6443",
            description = "HTTPS port of the Kubernetes API (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the API and the registry listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "5000",
            description = "Port of the OCI image registry, 0 to turn it off (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--store", paramLabel = "KIND", defaultValue = "sqlite",
            description = "Where objects live: sqlite (durable, default) or memory (lost at exit).")
    String store;

    public Path dataDir() {
        return dataDir != null ? dataDir : dev.wharf.common.Homes.wharfDir();
    }

    public int apiPort() {
        return apiPort;
    }

    public String bind() {
        return bind;
    }

    public int registryPort() {
        return registryPort;
    }

    public String store() {
        return store;
    }
}
