package dev.wharf.controller.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import dev.wharf.controller.runtime.ApiClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@link ApiClient} over HTTP(S) with {@link HttpClient}: the Kubernetes REST paths of {@link ResourceTypes},
 * JSON bodies, a bearer token, watches as a streamed response of JSON lines (one {@code {"type","object"}} per
 * line) read on a virtual thread, and errors turned back into {@link ApiException}s from the Status body. What a
 * remote {@code wharf agent --server URL --token T} uses.
 */
public final class HttpApiClient implements ApiClient {
    private final URI server;
    private final String token;
    private final HttpClient http;
    private final ResourceTypes types;

    public HttpApiClient(HttpApiClientConfig config) {
        String s = config.server().toString();
        this.server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = config.token();
        this.types = ResourceTypes.builtIn();
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1);
        if (config.sslContext() != null) {
            b.sslContext(config.sslContext());
        }
        this.http = b.build();
    }

    @Override
    public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        ResourceType rt = types.byClass(type);
        try {
            return Json.convert(send(request(path(rt, namespace, name, null)).GET()), type);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public <T extends HasMetadata> ObjectList<T> list(Class<T> type, ListOptions options) {
        ResourceType rt = types.byClass(type);
        JsonNode body = send(request(path(rt, options.namespace(), null, null) + query(options, false)).GET());
        List<T> items = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            ObjectNode o = (ObjectNode) item;
            o.put("apiVersion", rt.apiVersion());
            o.put("kind", rt.kind());
            items.add(Json.convert(o, type));
        }
        JsonNode meta = body.path("metadata");
        String cont = meta.path("continue").asText("");
        return new ObjectList<>(items, meta.path("resourceVersion").asText(""), cont.isEmpty() ? null : cont);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T create(T object) {
        ResourceType rt = types.byClass(object.getClass());
        String ns = object.getMetadata().getNamespace();
        return (T) Json.convert(send(request(path(rt, ns, null, null)).POST(body(object, rt))), object.getClass());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T update(T object) {
        ResourceType rt = types.byClass(object.getClass());
        var m = object.getMetadata();
        return (T) Json.convert(send(request(path(rt, m.getNamespace(), m.getName(), null)).PUT(body(object, rt))),
                object.getClass());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T updateStatus(T object) {
        ResourceType rt = types.byClass(object.getClass());
        var m = object.getMetadata();
        return (T) Json.convert(send(request(path(rt, m.getNamespace(), m.getName(), "status")).PUT(body(object, rt))),
                object.getClass());
    }

    @Override
    public <T extends HasMetadata> T patch(Class<T> type, String namespace, String name, PatchType patchType, String body,
                                           String subresource) {
        ResourceType rt = types.byClass(type);
        String contentType = switch (patchType) {
            case JSON -> "application/json-patch+json";
            case MERGE -> "application/merge-patch+json";
            case STRATEGIC_MERGE -> "application/strategic-merge-patch+json";
            case APPLY -> "application/apply-patch+yaml";
        };
        String q = patchType == PatchType.APPLY ? "?fieldManager=wharf-agent" : "";
        HttpRequest.Builder req = request(path(rt, namespace, name, subresource) + q)
                .header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        return Json.convert(send(req), type);
    }

    @Override
    public boolean delete(Class<? extends HasMetadata> type, String namespace, String name, DeleteOptions options) {
        ResourceType rt = types.byClass(type);
        ObjectNode body = Json.object();
        body.put("apiVersion", "v1");
        body.put("kind", "DeleteOptions");
        DeleteOptions o = options == null ? DeleteOptions.DEFAULT : options;
        if (o.propagationPolicy() != null) {
            body.put("propagationPolicy", o.propagationPolicy());
        }
        if (o.gracePeriodSeconds() != null) {
            body.put("gracePeriodSeconds", o.gracePeriodSeconds());
        }
        if (o.preconditionUid() != null || o.preconditionResourceVersion() != null) {
            ObjectNode pre = body.putObject("preconditions");
            if (o.preconditionUid() != null) {
                pre.put("uid", o.preconditionUid());
            }
            if (o.preconditionResourceVersion() != null) {
                pre.put("resourceVersion", o.preconditionResourceVersion());
            }
        }
        try {
            send(request(path(rt, namespace, name, null)).header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString(body.toString())));
            return true;
        } catch (ApiException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public <T extends HasMetadata> WatchHandle watch(Class<T> type, ListOptions options, WatchListener<T> listener) {
        ResourceType rt = types.byClass(type);
        HttpRequest req = request(path(rt, options.namespace(), null, null) + query(options, true)).GET().build();
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw ApiException.of(503, "ServiceUnavailable", "watch " + rt.plural() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.of(503, "ServiceUnavailable", "interrupted");
        }
        if (resp.statusCode() >= 300) {
            try (InputStream in = resp.body()) {
                throw error(resp.statusCode(), in.readAllBytes());
            } catch (IOException e) {
                throw ApiException.of(resp.statusCode(), "Unknown", e.getMessage());
            }
        }
        WatchStream<T> stream = new WatchStream<>(resp.body(), rt, type, listener);
        Thread.ofVirtual().name("watch-" + rt.plural()).start(stream);
        return stream;
    }

    /** Reads one watch response: one JSON event per line until the server or {@link #close} ends it. */
    private static final class WatchStream<T extends HasMetadata> implements Runnable, WatchHandle {
        private final InputStream in;
        private final ResourceType rt;
        private final Class<T> type;
        private final WatchListener<T> listener;
        private volatile boolean closed;

        WatchStream(InputStream in, ResourceType rt, Class<T> type, WatchListener<T> listener) {
            this.in = in;
            this.rt = rt;
            this.type = type;
            this.listener = listener;
        }

        @Override
        public void run() {
            Throwable cause = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while (!closed && (line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode ev = Json.parse(line);
                    String t = ev.path("type").asText();
                    JsonNode obj = ev.path("object");
                    if ("ERROR".equals(t)) {
                        Status st = Json.convert(obj, Status.class);
                        cause = new ApiException(st);
                        break;
                    }
                    ObjectNode o = (ObjectNode) obj;
                    if (!o.has("kind")) {
                        o.put("kind", rt.kind());
                        o.put("apiVersion", rt.apiVersion());
                    }
                    listener.onEvent(EventType.valueOf(t), Json.convert(o, type));
                }
            } catch (IOException | RuntimeException e) {
                cause = closed ? null : e;
            }
            listener.onClose(cause);
        }

        @Override
        public void close() {
            closed = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).header("Accept", "application/json");
        if (token != null && !token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher body(HasMetadata object, ResourceType rt) {
        ObjectNode tree = Json.tree(object);
        tree.put("apiVersion", rt.apiVersion());
        tree.put("kind", rt.kind());
        return HttpRequest.BodyPublishers.ofByteArray(Json.bytes(tree));
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpRequest req = builder.header("Content-Type", "application/json").build();
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ApiException.of(503, "ServiceUnavailable", req.method() + " " + req.uri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.of(503, "ServiceUnavailable", "interrupted");
        }
        if (resp.statusCode() >= 300) {
            throw error(resp.statusCode(), resp.body());
        }
        return Json.parse(resp.body());
    }

    static ApiException error(int code, byte[] body) {
        try {
            JsonNode n = Json.parse(body);
            if ("Status".equals(n.path("kind").asText())) {
                return new ApiException(Json.convert(n, Status.class));
            }
        } catch (RuntimeException ignored) {
            // not JSON
        }
        return ApiException.of(code, "Unknown", new String(body, StandardCharsets.UTF_8));
    }

    static String path(ResourceType rt, String namespace, String name, String subresource) {
        StringBuilder p = new StringBuilder(rt.pathPrefix());
        if (rt.namespaced() && namespace != null && !namespace.isEmpty()) {
            p.append("/namespaces/").append(enc(namespace));
        }
        p.append('/').append(rt.plural());
        if (name != null) {
            p.append('/').append(enc(name));
        }
        if (subresource != null) {
            p.append('/').append(subresource);
        }
        return p.toString();
    }

    static String query(ListOptions o, boolean watch) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        if (watch) {
            q.add("watch=true");
            q.add("allowWatchBookmarks=true");
        }
        if (o.labelSelector() != null && !o.labelSelector().isEmpty()) {
            q.add("labelSelector=" + enc(o.labelSelector()));
        }
        if (o.fieldSelector() != null && !o.fieldSelector().isEmpty()) {
            q.add("fieldSelector=" + enc(o.fieldSelector()));
        }
        if (o.resourceVersion() != null && !o.resourceVersion().isEmpty()) {
            q.add("resourceVersion=" + enc(o.resourceVersion()));
        }
        if (!watch && o.limit() > 0) {
            q.add("limit=" + o.limit());
        }
        if (!watch && o.continueToken() != null) {
            q.add("continue=" + enc(o.continueToken()));
        }
        return q.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
