package dev.wharf.cli;

import picocli.CommandLine.Option;

/** The options every command that talks to the API takes. */
public final class ConnectionOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig file to use. Default: $KUBECONFIG, else ~/.wharf/kubeconfig (written by `wharf dev`), else ~/.kube/config.")
    public String kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context to use instead of its current-context.")
    public String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "The namespace to work in. Default: the context's namespace, else \"default\".")
    public String namespace;
}
