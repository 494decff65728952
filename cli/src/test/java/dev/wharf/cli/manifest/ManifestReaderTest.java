package dev.wharf.cli.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
    @TempDir
    Path dir;

    private final ManifestReader reader = new ManifestReader(new ByteArrayInputStream(new byte[0]));

    @Test
    void readsEveryDocumentOfAMultiDocumentYamlFileAndSkipsEmptyOnes() {
        List<Manifest> manifests = ManifestReader.parse("app.yaml", """
                # a comment before the first separator
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                ---
                ---
                # only a comment
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                """);

        assertThat(manifests).extracting(Manifest::kind, Manifest::name, Manifest::document)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Deployment", "web", 1),
                        org.assertj.core.groups.Tuple.tuple("Service", "web", 2));
        assertThat(manifests.get(1).namespace()).isEqualTo("shop");
    }

    @Test
    void unpacksKindListIntoItsItems() {
        List<Manifest> manifests = ManifestReader.parse("list.json", """
                {"apiVersion":"v1","kind":"List","items":[
                  {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}},
                  {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}]}
                """);

        assertThat(manifests).extracting(Manifest::name).containsExactly("a", "b");
        assertThat(manifests.get(1).location()).isEqualTo("\"list.json\" (document 1, item 2)");
    }

    @Test
    void aParseErrorNamesTheFileTheDocumentAndTheLineInTheFile() {
        assertThatThrownBy(() -> ManifestReader.parse("app.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ok}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: broken
                 labels: oops
                """))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("error: cannot parse \"app.yaml\" (document 2, line 9");
    }

    @Test
    void aJsonSyntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> ManifestReader.parse("cm.json", "{\"apiVersion\": \"v1\",\n \"kind\": ConfigMap}"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("\"cm.json\" (document 1, line 2");
    }

    @Test
    void aDocumentWithoutKindIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> ManifestReader.parse("x.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\nmetadata: {name: b}\n"))
                .hasMessage("error: error validating \"x.yaml\" (document 2): apiVersion not set, kind not set");
    }

    @Test
    void aScalarDocumentIsNotAnObject() {
        assertThatThrownBy(() -> ManifestReader.parse("x.yaml", "just words"))
                .hasMessageContaining("\"x.yaml\" (document 1) is not an object");
    }

    @Test
    void directoriesGiveTheirManifestFilesInNameOrderAndSubdirectoriesOnlyWithRecursive() throws IOException {
        write("b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
        write("a.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}");
        write("notes.txt", "not a manifest");
        write("sub/c.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");

        assertThat(reader.read(List.of(dir.toString()), false)).extracting(Manifest::name).containsExactly("a", "b");
        assertThat(reader.read(List.of(dir.toString()), true)).extracting(Manifest::name).containsExactly("a", "b", "c");
    }

    @Test
    void dashReadsStandardInput() {
        ManifestReader stdin = new ManifestReader(new ByteArrayInputStream(
                "apiVersion: v1\nkind: Namespace\nmetadata: {name: demo}\n".getBytes(StandardCharsets.UTF_8)));

        List<Manifest> manifests = stdin.read(List.of("-"), false);

        assertThat(manifests).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("demo");
            assertThat(m.source()).isEqualTo("STDIN");
        });
    }

    @Test
    void aMissingPathIsASentence() {
        assertThatThrownBy(() -> reader.read(List.of(dir.resolve("nope.yaml").toString()), false))
                .hasMessage("error: the path \"" + dir.resolve("nope.yaml") + "\" does not exist");
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
