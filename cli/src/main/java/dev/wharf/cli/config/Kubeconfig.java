package dev.wharf.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A kubeconfig file as a tree: read, shown with secrets redacted, switched to another context, written back. */
public final class Kubeconfig {
    private static final Set<String> SECRET_FIELDS = Set.of("token", "password", "client-key-data");
    private static final Set<String> DATA_FIELDS = Set.of("certificate-authority-data", "client-certificate-data");

    private final Path path;
    private final ObjectNode tree;

    private Kubeconfig(Path path, ObjectNode tree) {
        this.path = path;
        this.tree = tree;
    }

    public static Kubeconfig read(Path path) {
        try {
            JsonNode node = Json.YAML.readTree(Files.readString(path));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return new Kubeconfig(path, Json.object());
            }
            if (!node.isObject()) {
                throw new CliException("the kubeconfig file " + path + " is not a YAML mapping");
            }
            return new Kubeconfig(path, (ObjectNode) node);
        } catch (IOException e) {
            throw new CliException("cannot read the kubeconfig file " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public String currentContext() {
        return tree.path("current-context").asText("");
    }

    public List<String> contextNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode context : tree.path("contexts")) {
            names.add(context.path("name").asText());
        }
        return names;
    }

    /** The namespace of a context (the current one when {@code context} is null), or null. */
    public String namespaceOf(String context) {
        String name = context == null ? currentContext() : context;
        for (JsonNode c : tree.path("contexts")) {
            if (name.equals(c.path("name").asText())) {
                String ns = c.path("context").path("namespace").asText("");
                return ns.isEmpty() ? null : ns;
            }
        }
        return null;
    }

    /** The file as YAML; tokens, passwords and keys read REDACTED and certificates DATA+OMITTED unless raw. */
    public String toYaml(boolean raw) {
        ObjectNode copy = tree.deepCopy();
        if (!raw) {
            redact(copy.path("users"));
            redact(copy.path("clusters"));
        }
        try {
            return Json.YAML.writeValueAsString(copy);
        } catch (IOException e) {
            throw new CliException("cannot print the kubeconfig: " + e.getMessage(), e);
        }
    }

    /** Makes {@code name} the current context and writes the file. */
    public void useContext(String name) {
        if (!contextNames().contains(name)) {
            throw new CliException("no context exists with the name \"" + name + "\" in " + path
                    + (contextNames().isEmpty() ? "" : " (contexts: " + String.join(", ", contextNames()) + ")"));
        }
        tree.put("current-context", name);
        try {
            Files.writeString(path, Json.YAML.writeValueAsString(tree));
        } catch (IOException e) {
            throw new CliException("cannot write the kubeconfig file " + path + ": " + e.getMessage(), e);
        }
    }

    private static void redact(JsonNode entries) {
        if (!(entries instanceof ArrayNode array)) {
            return;
        }
        for (JsonNode entry : array) {
            for (JsonNode inner : List.of(entry.path("user"), entry.path("cluster"))) {
                if (inner instanceof ObjectNode fields) {
                    for (String field : List.copyOf(iterable(fields))) {
                        if (SECRET_FIELDS.contains(field)) {
                            fields.put(field, "REDACTED");
                        } else if (DATA_FIELDS.contains(field)) {
                            fields.put(field, "DATA+OMITTED");
                        }
                    }
                }
            }
        }
    }

    private static List<String> iterable(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
