package dev.wharf.server.config;

import dev.wharf.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the kubeconfig that lets kubectl, client libraries and the wharf CLI reach this server with no flags. */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    public static void write(Path file, String serverUrl, String caPem, String token) throws IOException {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", serverUrl);
        cluster.put("certificate-authority-data", Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("cluster", "wharf");
        context.put("user", "admin");
        context.put("namespace", "default");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "v1");
        doc.put("kind", "Config");
        doc.put("clusters", List.of(Map.of("name", "wharf", "cluster", cluster)));
        doc.put("users", List.of(Map.of("name", "admin", "user", Map.of("token", token))));
        doc.put("contexts", List.of(Map.of("name", "wharf", "context", context)));
        doc.put("current-context", "wharf");
        doc.put("preferences", Map.of());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, Json.YAML.writeValueAsBytes(doc));
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not POSIX
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
