package dev.wharf.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.apiserver.HttpsFixture;
import dev.wharf.common.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire protocol over real HTTPS, as kubectl exercises it. */
class HttpsApiTest {
    private static final String TABLE_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    private static final String AGGREGATED_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
    @TempDir
    static Path dir;
    static HttpsFixture http;

    @BeforeAll
    static void start() throws Exception {
        http = new HttpsFixture(dir);
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    @Test
    void versionAndHealthAreAnonymous() throws Exception {
        HttpResponse<String> v = http.client.send(HttpRequest.newBuilder(URI.create(http.url("/version?timeout=5s"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(v.statusCode()).isEqualTo(200);
        assertThat(json(v).path("minor").asText()).isEqualTo("32");
        assertThat(json(v).path("gitVersion").asText()).startsWith("v1.32.0-wharf.");
        HttpResponse<String> ready = http.client.send(HttpRequest.newBuilder(URI.create(http.url("/readyz"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.body()).isEqualTo("ok");
        assertThat(ready.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }

    @Test
    void readyzWaitsForTheCompositionRootToSayReady() throws Exception {
        http.api.server.holdReadiness();
        try {
            HttpResponse<String> held = http.client.send(HttpRequest.newBuilder(URI.create(http.url("/readyz"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(held.statusCode()).isEqualTo(503);
            HttpResponse<String> live = http.client.send(HttpRequest.newBuilder(URI.create(http.url("/livez"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.body()).isEqualTo("ok");
        } finally {
            http.api.server.markReady();
        }
        HttpResponse<String> ready = http.client.send(HttpRequest.newBuilder(URI.create(http.url("/readyz"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    @Test
    void everythingElseNeedsTheToken() throws Exception {
        HttpResponse<String> r = http.client.send(HttpRequest.newBuilder(URI.create(http.url("/api/v1/namespaces")))
                .header("Authorization", "Bearer wrong").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).path("kind").asText()).isEqualTo("Status");
        assertThat(json(r).path("reason").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void aggregatedDiscoveryByAcceptHeader() throws Exception {
        HttpResponse<String> r = http.get("/apis?timeout=32s", AGGREGATED_ACCEPT);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        JsonNode apps = null;
        for (JsonNode g : json(r).path("items")) {
            if (g.at("/metadata/name").asText().equals("apps")) {
                apps = g;
            }
        }
        assertThat(apps).isNotNull();
        JsonNode deployments = apps.at("/versions/0/resources/0");
        assertThat(deployments.path("resource").asText()).isEqualTo("deployments");
        assertThat(deployments.path("shortNames").get(0).asText()).isEqualTo("deploy");
        assertThat(deployments.toString()).contains("{\"subresource\":\"scale\",\"responseKind\":{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"}");
        JsonNode core = json(http.get("/api", AGGREGATED_ACCEPT));
        assertThat(core.at("/items/0/versions/0/version").asText()).isEqualTo("v1");
    }

    @Test
    void legacyDiscovery() throws Exception {
        assertThat(json(http.get("/api", "application/json, */*")).path("versions").get(0).asText()).isEqualTo("v1");
        JsonNode groups = json(http.get("/apis", "application/json, */*"));
        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        JsonNode apps = json(http.get("/apis/apps/v1", "application/json, */*"));
        assertThat(apps.path("groupVersion").asText()).isEqualTo("apps/v1");
        assertThat(apps.toString()).contains("\"name\":\"deployments/scale\",\"singularName\":\"\",\"namespaced\":true,\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"");
        assertThat(json(http.get("/api/v1", "application/json")).toString()).contains("\"name\":\"pods/log\"");
    }

    @Test
    void crudOverHttps() throws Exception {
        String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"crud\",\"namespace\":\"default\"},\"data\":{\"a\":\"1\"}}";
        HttpResponse<String> created = http.send("POST", "/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create&fieldValidation=Strict",
                "application/json", cm);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Length")).isPresent();
        String rv = json(created).at("/metadata/resourceVersion").asText();
        assertThat(http.send("POST", "/api/v1/namespaces/default/configmaps", "application/json", cm).statusCode()).isEqualTo(409);

        HttpResponse<String> table = http.get("/api/v1/namespaces/default/configmaps?limit=500", TABLE_ACCEPT);
        assertThat(json(table).path("kind").asText()).isEqualTo("Table");
        assertThat(json(table).at("/metadata/resourceVersion").asText()).isNotEmpty();
        assertThat(json(table).at("/rows/0/object/kind").asText()).isEqualTo("PartialObjectMetadata");

        HttpResponse<String> list = http.get("/api/v1/configmaps", "application/json");
        assertThat(json(list).path("kind").asText()).isEqualTo("ConfigMapList");

        String stale = cm.replace("\"name\":\"crud\"", "\"name\":\"crud\",\"resourceVersion\":\"" + (Long.parseLong(rv) - 1) + "\"");
        HttpResponse<String> conflict = http.send("PUT", "/api/v1/namespaces/default/configmaps/crud", "application/json", stale);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).path("message").asText()).contains("the object has been modified");

        HttpResponse<String> patched = http.send("PATCH", "/api/v1/namespaces/default/configmaps/crud", "application/merge-patch+json",
                "{\"data\":{\"b\":\"2\"}}");
        assertThat(json(patched).at("/data/b").asText()).isEqualTo("2");

        HttpResponse<String> deleted = http.send("DELETE", "/api/v1/namespaces/default/configmaps/crud", "application/json",
                "{\"propagationPolicy\":\"Background\"}");
        assertThat(json(deleted).path("status").asText()).isEqualTo("Success");
        assertThat(json(deleted).at("/details/name").asText()).isEqualTo("crud");
        assertThat(http.get("/api/v1/namespaces/default/configmaps/crud", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void errorsAreStatuses() throws Exception {
        HttpResponse<String> malformed = http.send("POST", "/api/v1/namespaces/default/configmaps", "application/json", "{\"kind\": ]");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("message").asText()).contains("line 1, column 10");
        HttpResponse<String> missing = http.get("/apis/nope/v1/things", "application/json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("kind").asText()).isEqualTo("Status");
        assertThat(http.send("PUT", "/api/v1/namespaces/default/configmaps", "application/json", "{}").statusCode()).isEqualTo(405);
        assertThat(http.send("PATCH", "/api/v1/namespaces/default/configmaps/x", "text/html", "{}").statusCode()).isEqualTo(415);
        assertThat(json(http.get("/openapi/v3", "application/json")).path("paths").has("apis/apps/v1")).isTrue();
    }

    @Test
    void openApiV2AsProtobufForOldKubectlAndJsonOtherwise() throws Exception {
        HttpResponse<byte[]> pb = http.client.send(http.request("/openapi/v2?timeout=32s")
                .header("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pb.statusCode()).isEqualTo(200);
        assertThat(pb.headers().firstValue("Content-Type")).contains(dev.wharf.api.schema.OpenApiV2.PROTOBUF_MEDIA_TYPE);
        com.google.protobuf.UnknownFieldSet doc = com.google.protobuf.UnknownFieldSet.parseFrom(pb.body());
        assertThat(doc.getField(1).getLengthDelimitedList().getFirst().toStringUtf8()).isEqualTo("2.0"); // Document.swagger
        assertThat(doc.hasField(8)).isTrue(); // paths
        assertThat(doc.hasField(9)).isTrue(); // definitions
        HttpResponse<byte[]> legacy = http.client.send(http.request("/swagger-2.0.0.pb-v1").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(legacy.body()).isEqualTo(pb.body());
        String etag = pb.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = http.client.send(http.request("/openapi/v2")
                .header("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf").header("If-None-Match", etag)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        HttpResponse<String> js = http.get("/openapi/v2", "application/json");
        assertThat(js.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json(js).path("swagger").asText()).isEqualTo("2.0");
        assertThat(json(js).at("/definitions/io.k8s.api.apps.v1.Deployment/x-kubernetes-group-version-kind/0/kind").asText())
                .isEqualTo("Deployment");
        assertThat(http.send(http.request("/openapi/v2").setHeader("Authorization", "Bearer wrong").GET()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void scaleSubresourceWithoutContentType() throws Exception {
        String deploy = Json.string(dev.wharf.apiserver.ApiFixture.deployment("default", "scaled", 1));
        assertThat(http.send("POST", "/apis/apps/v1/namespaces/default/deployments", "application/json", deploy).statusCode()).isEqualTo(201);
        HttpResponse<String> patched = http.send("PATCH", "/apis/apps/v1/namespaces/default/deployments/scaled/scale",
                "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}");
        assertThat(json(patched).path("kind").asText()).isEqualTo("Scale");
        assertThat(json(patched).at("/spec/replicas").asInt()).isEqualTo(3);
        JsonNode scale = json(http.get("/apis/apps/v1/namespaces/default/deployments/scaled/scale", "application/json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) scale.path("spec")).put("replicas", 5);
        HttpResponse<String> put = http.send("PUT", "/apis/apps/v1/namespaces/default/deployments/scaled/scale", null, scale.toString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json(http.get("/apis/apps/v1/namespaces/default/deployments/scaled", "application/json")).at("/spec/replicas").asInt())
                .isEqualTo(5);
    }

    @Test
    void watchStreamsChunkedEventsThroughTheFieldSelector() throws Exception {
        String rv = json(http.get("/api/v1/namespaces/default/configmaps", "application/json")).at("/metadata/resourceVersion").asText();
        HttpResponse<InputStream> watch = http.client.send(http.request("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion="
                + rv + "&fieldSelector=metadata.name%3Dwatched").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(watch.statusCode()).isEqualTo(200);
        assertThat(watch.headers().firstValue("Transfer-Encoding")).contains("chunked");
        http.send("POST", "/api/v1/namespaces/default/configmaps", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"other\"}}");
        http.send("POST", "/api/v1/namespaces/default/configmaps", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"watched\"}}");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
            JsonNode event = Json.parse(lines.readLine());
            assertThat(event.path("type").asText()).isEqualTo("ADDED");
            assertThat(event.at("/object/metadata/name").asText()).isEqualTo("watched");
        }
    }

    @Test
    void watchFromACompactedRevisionSendsAnExpiredError() throws Exception {
        for (int i = 0; i < 3; i++) {
            http.send("POST", "/api/v1/namespaces/default/configmaps", "application/json",
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"compact" + i + "\"}}");
        }
        http.api.store.compact(http.api.store.currentRevision() - 1);
        HttpResponse<String> r = http.get("/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1", "application/json");
        JsonNode event = Json.parse(r.body().lines().findFirst().orElseThrow());
        assertThat(event.path("type").asText()).isEqualTo("ERROR");
        assertThat(event.at("/object/code").asInt()).isEqualTo(410);
    }

    @Test
    void serverSideApplyUpsertsAndNeedsAFieldManager() throws Exception {
        String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"applied\",\"namespace\":\"default\"},\"data\":{\"a\":\"1\"}}";
        String path = "/api/v1/namespaces/default/configmaps/applied?fieldManager=kubectl&fieldValidation=Strict&force=false";
        HttpResponse<String> created = http.send("PATCH", path, "application/apply-patch+yaml", cm);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).at("/metadata/managedFields/0/manager").asText()).isEqualTo("kubectl");
        HttpResponse<String> updated = http.send("PATCH", path, "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\n"
                + "metadata:\n  name: applied\ndata:\n  a: \"2\"\n");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).at("/data/a").asText()).isEqualTo("2");
        HttpResponse<String> conflict = http.send("PATCH", path.replace("fieldManager=kubectl", "fieldManager=other"),
                "application/apply-patch+yaml", cm.replace("\"1\"", "\"3\""));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(http.send("PATCH", "/api/v1/namespaces/default/configmaps/applied", "application/apply-patch+yaml", cm).statusCode())
                .isEqualTo(400);
    }

    @Test
    void protobufBodiesCreateObjects() throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(new byte[] {'k', '8', 's', 0});
        b.write(new byte[] {0x0a, 0x0f, 0x0a, 0x02, 'v', '1', 0x12, 0x09});
        b.write("Namespace".getBytes(StandardCharsets.US_ASCII));
        b.write(new byte[] {0x12, 0x0c, 0x0a, 0x06, 0x0a, 0x04, 'p', 'r', 'o', 't', 0x12, 0x00, 0x1a, 0x00, 0x1a, 0x00, 0x22, 0x00});
        HttpResponse<String> r = http.send(http.request("/api/v1/namespaces?fieldManager=kubectl-create&fieldValidation=Strict")
                .header("Content-Type", "application/vnd.kubernetes.protobuf")
                .header("Accept", "application/vnd.kubernetes.protobuf,application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).at("/metadata/name").asText()).isEqualTo("prot");
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void tableWatchEventsCarryColumnsFirstAndLogsHaveAPlaceholder() throws Exception {
        HttpResponse<InputStream> watch = http.client.send(http.request("/api/v1/namespaces/default/pods?watch=true&resourceVersion=0")
                .header("Accept", TABLE_ACCEPT).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        String pod = Json.string(dev.wharf.apiserver.ApiFixture.pod("default", "tabled"));
        assertThat(http.send("POST", "/api/v1/namespaces/default/pods", "application/json", pod).statusCode()).isEqualTo(201);
        http.send("PATCH", "/api/v1/namespaces/default/pods/tabled", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
            JsonNode first = Json.parse(lines.readLine());
            assertThat(first.at("/object/kind").asText()).isEqualTo("Table");
            assertThat(first.at("/object/columnDefinitions").size()).isGreaterThan(2);
            assertThat(first.at("/object/rows/0/cells/0").asText()).isEqualTo("tabled");
            JsonNode second = Json.parse(lines.readLine());
            assertThat(second.path("type").asText()).isEqualTo("MODIFIED");
            assertThat(second.at("/object/columnDefinitions").size()).isZero();
        }
        HttpResponse<String> log = http.get("/api/v1/namespaces/default/pods/tabled/log?container=app", "application/json, */*");
        assertThat(log.statusCode()).isEqualTo(400);
        assertThat(json(log).path("message").asText()).isEqualTo("pod \"tabled\" has no logs yet: it is not running on a node");
    }

    @Test
    void dryRunAndWarnings() throws Exception {
        String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"dry\"},\"dataa\":{}}";
        HttpResponse<String> r = http.send("POST", "/api/v1/namespaces/default/configmaps?dryRun=All&fieldValidation=Warn",
                "application/json", cm);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().allValues("Warning")).containsExactly("299 - \"unknown field \\\"dataa\\\"\"");
        assertThat(http.get("/api/v1/namespaces/default/configmaps/dry", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void watchEndsAtTimeoutSeconds() throws Exception {
        HttpResponse<InputStream> watch = http.client.send(http.request("/api/v1/namespaces/default/secrets?watch=true&timeoutSeconds=5")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(watch.statusCode()).isEqualTo(200);
        http.api.clock.advance(Duration.ofSeconds(6));
        try (InputStream body = watch.body()) {
            assertThat(body.readAllBytes()).isEmpty();
        }
    }
}
