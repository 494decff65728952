package dev.wharf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.config.Kubeconfig;
import dev.wharf.cli.config.KubeconfigLocator;
import dev.wharf.cli.discovery.Discovery;
import dev.wharf.cli.discovery.ResourceResolver;
import dev.wharf.cli.http.ApiErrors;
import dev.wharf.cli.http.RawApi;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One command's connection to the API: the kubeconfig it found, the namespace it works in, and (created on first
 * use) the fabric8 client, the raw HTTP API and discovery.
 */
public final class Session implements AutoCloseable {
    private final Path kubeconfigPath;
    private final Kubeconfig kubeconfig;
    private final String context;
    private final String namespace;
    private final boolean namespaceExplicit;
    private KubernetesClient client;
    private RawApi raw;
    private ResourceResolver resolver;

    public Session(ConnectionOptions options, CliEnvironment environment) {
        this.kubeconfigPath = new KubeconfigLocator(environment).locate(options.kubeconfig);
        this.kubeconfig = Kubeconfig.read(kubeconfigPath);
        this.context = options.context;
        if (context != null && !kubeconfig.contextNames().contains(context)) {
            throw new CliException("error: context \"" + context + "\" does not exist in " + kubeconfigPath);
        }
        this.namespaceExplicit = options.namespace != null && !options.namespace.isBlank();
        String fromContext = kubeconfig.namespaceOf(context);
        this.namespace = namespaceExplicit ? options.namespace : fromContext != null ? fromContext : "default";
    }

    /** The kubeconfig file this session read. */
    public Path kubeconfigPath() {
        return kubeconfigPath;
    }

    public String namespace() {
        return namespace;
    }

    public boolean namespaceExplicit() {
        return namespaceExplicit;
    }

    public KubernetesClient client() {
        if (client == null) {
            Config config;
            try {
                config = Config.fromKubeconfig(context, Files.readString(kubeconfigPath), kubeconfigPath.toString());
            } catch (IOException | RuntimeException e) {
                throw new CliException("error: cannot use the kubeconfig " + kubeconfigPath + ": " + e.getMessage(), e);
            }
            config.setNamespace(namespace);
            // A command line fails fast: no retries with back-off when the server is down or answers 5xx.
            config.setRequestRetryBackoffLimit(0);
            config.setConnectionTimeout(10_000);
            client = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
        }
        return client;
    }

    public RawApi raw() {
        if (raw == null) {
            raw = new RawApi(client().getHttpClient(), client().getMasterUrl().toString());
        }
        return raw;
    }

    public ResourceResolver resolver() {
        if (resolver == null) {
            resolver = new ResourceResolver(new Discovery(path -> raw().get(path, RawApi.JSON)));
        }
        return resolver;
    }

    public JsonNode get(String path) {
        return raw().get(path, RawApi.JSON);
    }

    /** The API server's URL, for messages. */
    public String serverUrl() {
        return raw().baseUrl();
    }

    /** A sentence for a failed call, with {@code context} such as {@code error when applying "a.yaml" (document 1)}. */
    public CliException explain(Throwable error, String context) {
        if (error instanceof CliException cli) {
            if (context == null || cli.getMessage().contains(context)) {
                return cli;
            }
            String message = cli.getMessage().startsWith("error: ") ? cli.getMessage().substring(7) : cli.getMessage();
            return new CliException("error: " + context + ": " + message, cli);
        }
        return ApiErrors.explain(error, client == null ? "(not connected)" : serverUrl(), context);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
