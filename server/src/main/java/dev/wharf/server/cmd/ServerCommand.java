package dev.wharf.server.cmd;

import dev.wharf.server.WharfServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `wharf server`: the control plane of a cluster (API, store, controllers, registry). */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run a Wharf server: the Kubernetes API over HTTPS, the durable store, the controllers and",
                "the image registry. Agents and clients reach it with DATA_DIR/kubeconfig."})
public final class ServerCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        return WharfServer.runUntilSignalled(options, null);
    }
}
