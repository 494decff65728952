package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import dev.wharf.it.support.WharfProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 while 20 clients write: every acknowledged write survives, and the store is consistent. */
class DurabilityIT {
    @TempDir
    Path tmp;

    @Test
    void acknowledgedWritesSurviveSigkill() throws Exception {
        WharfProcess wharf = WharfProcess.start(tmp.resolve("data"));
        String token = wharf.adminToken();
        HttpClient http = WharfProcess.insecureClient();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(20);
        for (int t = 0; t < 20; t++) {
            int client = t;
            clients.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    String name = "c" + client + "-" + i;
                    String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"i\":\"" + i + "\"}}";
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(wharf.url() + "/api/v1/namespaces/default/configmaps"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            acknowledged.add(name);
                        }
                    } catch (Exception e) {
                        return null; // the server died under us
                    }
                }
                return null;
            });
        }
        Thread.sleep(2500);
        wharf.kill();
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(acknowledged).as("writes acknowledged before the crash").hasSizeGreaterThan(50);

        WharfProcess again = WharfProcess.start(wharf.dataDir(), wharf.apiPort());
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(again.url() + "/api/v1/namespaces/default/configmaps"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode list = Json.parse(r.body());
            long listRv = Long.parseLong(list.at("/metadata/resourceVersion").asText());
            Set<String> present = new HashSet<>();
            Set<Long> versions = new HashSet<>();
            for (JsonNode item : list.get("items")) {
                present.add(item.at("/metadata/name").asText());
                long rv = Long.parseLong(item.at("/metadata/resourceVersion").asText());
                assertThat(rv).isLessThanOrEqualTo(listRv);
                assertThat(versions.add(rv)).as("each create has its own revision").isTrue();
            }
            assertThat(present).containsAll(acknowledged);
            // the store accepts writes after recovery, with a higher revision
            HttpResponse<String> w = http.send(HttpRequest.newBuilder(URI.create(again.url() + "/api/v1/namespaces/default/configmaps"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"after\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(w.statusCode()).isEqualTo(201);
            assertThat(Long.parseLong(Json.parse(w.body()).at("/metadata/resourceVersion").asText())).isGreaterThan(listRv);
        } finally {
            again.close();
        }
    }
}
