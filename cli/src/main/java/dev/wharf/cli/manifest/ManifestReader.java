package dev.wharf.cli.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the objects of {@code -f} arguments: files (YAML with several documents, or JSON), directories (their
 * *.yaml, *.yml and *.json files, sorted, recursively with -R), and "-" for standard input. {@code kind: List}
 * documents are unpacked into their items. Errors name the file, the document and the line.
 */
public final class ManifestReader {
    private final InputStream stdin;

    public ManifestReader(InputStream stdin) {
        this.stdin = stdin;
    }

    public List<Manifest> read(List<String> arguments, boolean recursive) {
        List<Manifest> manifests = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals("-")) {
                manifests.addAll(parse("STDIN", readStdin()));
                continue;
            }
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                for (Path file : filesIn(path, recursive)) {
                    manifests.addAll(parse(file.toString(), readFile(file)));
                }
            } else if (Files.exists(path)) {
                manifests.addAll(parse(argument, readFile(path)));
            } else {
                throw new ManifestException("error: the path \"" + argument + "\" does not exist");
            }
        }
        return manifests;
    }

    /** The manifests in a directory, in name order; subdirectories only when recursive. */
    static List<Path> filesIn(Path directory, boolean recursive) {
        try (Stream<Path> walk = Files.walk(directory, recursive ? Integer.MAX_VALUE : 1)) {
            return walk.filter(Files::isRegularFile).filter(ManifestReader::isManifest).sorted().toList();
        } catch (IOException e) {
            throw new ManifestException("error: cannot list the directory \"" + directory + "\": " + e.getMessage(), e);
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** The objects of one file's text. */
    public static List<Manifest> parse(String source, String text) {
        List<Manifest> manifests = new ArrayList<>();
        int number = 0;
        for (Chunk chunk : split(text, source.toLowerCase(Locale.ROOT).endsWith(".json"))) {
            if (chunk.isBlank()) {
                continue;
            }
            number++;
            JsonNode node = parseChunk(source, number, chunk);
            if (node == null || node.isNull() || node.isMissingNode()) {
                continue;
            }
            if (!node.isObject()) {
                throw new ManifestException("error: " + Manifest.location(source, number, 0)
                        + " is not an object: a manifest document must be a mapping with apiVersion, kind and metadata");
            }
            ObjectNode object = (ObjectNode) node;
            if (isList(object)) {
                int item = 0;
                for (JsonNode element : object.path("items")) {
                    item++;
                    if (!element.isObject()) {
                        throw new ManifestException("error: " + Manifest.location(source, number, item) + " is not an object");
                    }
                    manifests.add(checked(new Manifest(source, number, item, (ObjectNode) element)));
                }
            } else {
                manifests.add(checked(new Manifest(source, number, 0, object)));
            }
        }
        return manifests;
    }

    private static boolean isList(ObjectNode object) {
        String kind = object.path("kind").asText("");
        return object.path("items").isArray() && (kind.equals("List") || kind.endsWith("List"));
    }

    private static Manifest checked(Manifest manifest) {
        List<String> missing = new ArrayList<>();
        if (manifest.apiVersion().isEmpty()) {
            missing.add("apiVersion not set");
        }
        if (manifest.kind().isEmpty()) {
            missing.add("kind not set");
        }
        if (!missing.isEmpty()) {
            throw new ManifestException("error: error validating " + manifest.location() + ": " + String.join(", ", missing));
        }
        return manifest;
    }

    private static JsonNode parseChunk(String source, int number, Chunk chunk) {
        ObjectMapper mapper = chunk.json() ? Json.MAPPER : Json.YAML;
        try {
            return mapper.readTree(chunk.text());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : ", line " + (at.getLineNr() + chunk.firstLine() - 1) + ", column " + at.getColumnNr();
            throw new ManifestException("error: cannot parse \"" + source + "\" (document " + number + where + "): "
                    + summary(e.getOriginalMessage()), e);
        }
    }

    /** Splits YAML at "---" lines, keeping each document's first line number; JSON is one document. */
    static List<Chunk> split(String text, boolean json) {
        String trimmed = text.stripLeading();
        if (json || trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return List.of(new Chunk(text, 1, true));
        }
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = 1;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("---") || line.startsWith("--- ") || line.startsWith("---\t")) {
                chunks.add(new Chunk(current.toString(), start, false));
                current.setLength(0);
                start = i + 2;
                String rest = line.substring(3).strip();
                if (!rest.isEmpty() && !rest.startsWith("#")) {
                    current.append(rest).append('\n');
                    start = i + 1;
                }
            } else if (line.equals("...")) {
                continue;
            } else {
                current.append(line).append('\n');
            }
        }
        chunks.add(new Chunk(current.toString(), start, false));
        return chunks;
    }

    record Chunk(String text, int firstLine, boolean json) {
        boolean isBlank() {
            for (String line : text.split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The sentences of a parser message, without its "in 'reader', line..." pointers and source excerpts. */
    static String summary(String message) {
        if (message == null) {
            return "malformed document";
        }
        List<String> parts = new ArrayList<>();
        for (String line : message.split("\n")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.contains("in 'reader'")) {
                continue;
            }
            parts.add(line.strip());
        }
        return parts.isEmpty() ? message.strip() : String.join(": ", parts);
    }

    private String readStdin() {
        try {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ManifestException("error: cannot read \"" + file + "\": " + e.getMessage(), e);
        }
    }
}
