package dev.wharf.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * Plain HTTP calls through the fabric8 client's HttpClient (so the kubeconfig's TLS and token apply) for what the
 * typed DSL does not offer: discovery, Tables ({@code Accept: ...;as=Table}), streams of watch events and logs.
 * Non-2xx answers become a {@link KubernetesClientException} carrying the server's Status.
 */
public final class RawApi {
    public static final String JSON = "application/json";
    public static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    private final HttpClient http;
    private final String baseUrl;

    public RawApi(HttpClient http, String masterUrl) {
        this.http = http;
        this.baseUrl = masterUrl.endsWith("/") ? masterUrl.substring(0, masterUrl.length() - 1) : masterUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** GET {@code path} (starting with "/") and parse the JSON answer. */
    public JsonNode get(String path, String accept) {
        HttpRequest request = http.newHttpRequestBuilder().uri(baseUrl + path).header("Accept", accept).build();
        HttpResponse<byte[]> response = await(request, byte[].class);
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (!response.isSuccessful()) {
            throw failure(path, response.code(), new String(body, StandardCharsets.UTF_8));
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new KubernetesClientException("the server answered GET " + path + " with something that is not JSON: "
                    + e.getMessage(), e);
        }
    }

    /** GET {@code path} as a stream (watch events, logs); the caller closes it. */
    public InputStream stream(String path, String accept) {
        HttpRequest request = http.newHttpRequestBuilder().uri(baseUrl + path).header("Accept", accept)
                .forStreaming().build();
        HttpResponse<InputStream> response = await(request, InputStream.class);
        if (!response.isSuccessful()) {
            String text;
            try (InputStream in = response.body()) {
                text = in == null ? "" : new String(readAll(in), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            throw failure(path, response.code(), text);
        }
        return response.body();
    }

    private <T> HttpResponse<T> await(HttpRequest request, Class<T> type) {
        try {
            return http.sendAsync(request, type).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted", e);
        } catch (ExecutionException e) {
            throw new KubernetesClientException(String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    /** The server's Status when the body is one, else a Status made of the code and the body text. */
    static KubernetesClientException failure(String path, int code, String body) {
        Status status = null;
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node != null && "Status".equals(node.path("kind").asText())) {
                status = Json.MAPPER.treeToValue(node, Status.class);
            }
        } catch (IOException | IllegalArgumentException notJson) {
            status = null;
        }
        if (status == null) {
            String text = body == null || body.isBlank() ? "the server answered " + code + " to GET " + path : body.strip();
            status = new StatusBuilder().withCode(code).withStatus("Failure").withReason(ApiErrors.reasonOf(code)).withMessage(text).build();
        }
        if (status.getCode() == null) {
            status.setCode(code);
        }
        return new KubernetesClientException(status);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
