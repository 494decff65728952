package dev.wharf.server.cmd;

import dev.wharf.server.WharfServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `wharf dev`: everything in one process, for a laptop. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Start Wharf on this machine in one process: the Kubernetes API, the store, the controllers",
                "the image registry and N node agents that run pods (--nodes). Writes DATA_DIR/kubeconfig, so that",
                "  KUBECONFIG=~/.wharf/kubeconfig kubectl get ns",
                "works with no other flag. Ctrl-C stops it; starting it again on the same data dir keeps everything."})
public final class DevCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Mixin
    DevOptions dev;

    @Override
    public Integer call() throws Exception {
        return WharfServer.runUntilSignalled(options, dev);
    }
}
