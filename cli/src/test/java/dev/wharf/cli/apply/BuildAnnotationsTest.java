package dev.wharf.cli.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.cli.CliException;
import dev.wharf.cli.manifest.Manifest;
import dev.wharf.cli.manifest.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildAnnotationsTest {
    @TempDir
    Path dir;

    static String deployment(String name, String annotation) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  annotations:
                    build.wharf.dev/images: '%s'
                spec:
                  template:
                    spec:
                      initContainers: [{name: init, image: "127.0.0.1:5000/shop/init:1"}]
                      containers: [{name: %s, image: "127.0.0.1:5000/shop/%s:1"}]
                """.formatted(name, annotation, name, name);
    }

    List<Manifest> manifests(String file, String text) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        return ManifestReader.parse(path.toString(), text);
    }

    Path context(String relative) throws IOException {
        Path context = Files.createDirectories(dir.resolve(relative));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox:latest\n");
        return context;
    }

    @Test
    void mapsContainersToContextsRelativeToTheManifestFile() throws IOException {
        Path web = context("app/web");
        Path init = context("init");
        List<ImageBuild> builds = BuildAnnotations.collect(manifests("app/web.yaml",
                deployment("web", "{\"web\": \"./web\", \"init\": \"../init\"}")), Path.of("/elsewhere"));
        assertThat(builds).containsExactly(
                new ImageBuild("127.0.0.1:5000/shop/web:1", web, "Deployment/web, container web"),
                new ImageBuild("127.0.0.1:5000/shop/init:1", init, "Deployment/web, container init"));
    }

    @Test
    void objectsWithoutTheAnnotationAskForNothingAndTheSameImageBuildsOnce() throws IOException {
        context("web");
        String plain = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";
        List<Manifest> all = new java.util.ArrayList<>(manifests("a.yaml", deployment("web", "{\"web\": \"web\"}")));
        all.addAll(manifests("b.yaml", deployment("web", "{\"web\": \"./web/\"}") + "---\n" + plain));
        assertThat(BuildAnnotations.collect(all, dir)).hasSize(1);
        assertThat(BuildAnnotations.collect(manifests("c.yaml", plain), dir)).isEmpty();
    }

    @Test
    void stdinContextsAreRelativeToTheWorkingDirectoryAndPodsAndCronJobsWork() throws IOException {
        Path ctx = context("job");
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, annotations: {build.wharf.dev/images: '{"c": "job"}'}}
                spec: {containers: [{name: c, image: "127.0.0.1:5000/p:1"}]}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: cj, annotations: {build.wharf.dev/images: '{"c": "job"}'}}
                spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: "127.0.0.1:5000/cj:1"}]}}}}}
                """;
        assertThat(BuildAnnotations.collect(ManifestReader.parse("STDIN", pod), dir))
                .extracting(ImageBuild::image, ImageBuild::context)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("127.0.0.1:5000/p:1", ctx),
                        org.assertj.core.groups.Tuple.tuple("127.0.0.1:5000/cj:1", ctx));
    }

    @Test
    void badAnnotationsSayWhatIsWrongAndWhere() throws IOException {
        context("web");
        assertThatThrownBy(() -> BuildAnnotations.collect(manifests("x.yaml", deployment("web", "web=./web")), dir))
                .isInstanceOf(CliException.class).hasMessageContaining("x.yaml\" (document 1)")
                .hasMessageContaining("is not JSON").hasMessageContaining("{\"web\": \"./web\"}");
        assertThatThrownBy(() -> BuildAnnotations.collect(manifests("x.yaml", deployment("web", "{\"api\": \"./web\"}")), dir))
                .hasMessageContaining("names the container \"api\", but the pod template has only [init, web]");
        assertThatThrownBy(() -> BuildAnnotations.collect(manifests("x.yaml", deployment("web", "{\"web\": \"./nope\"}")), dir))
                .hasMessageContaining("nope is not a directory");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> BuildAnnotations.collect(manifests("x.yaml", deployment("web", "{\"web\": \"empty\"}")), dir))
                .hasMessageContaining("there is no Dockerfile in");
        assertThatThrownBy(() -> BuildAnnotations.collect(manifests("x.yaml", deployment("web", "[]")), dir))
                .hasMessageContaining("must be a non-empty JSON object");
    }

    @Test
    void pinsBuiltImagesToTheirDigestAndLeavesOthersAndTheOriginalAlone() throws IOException {
        Manifest m = manifests("p.yaml", deployment("web", "{\"web\": \"web\"}")).getFirst();
        String digest = "sha256:" + "c".repeat(64);
        var pinned = BuildAnnotations.pinned(m, java.util.Map.of("127.0.0.1:5000/shop/web:1", digest));
        assertThat(pinned.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("127.0.0.1:5000/shop/web:1@" + digest);
        assertThat(pinned.at("/spec/template/spec/initContainers/0/image").asText()).isEqualTo("127.0.0.1:5000/shop/init:1");
        assertThat(m.object().at("/spec/template/spec/containers/0/image").asText()).isEqualTo("127.0.0.1:5000/shop/web:1");
        assertThat(BuildAnnotations.pinned(m, java.util.Map.of())).isEqualTo(m.object());
    }

    @Test
    void oneImageFromTwoContextsIsAnError() throws IOException {
        context("a");
        context("b");
        List<Manifest> all = new java.util.ArrayList<>(manifests("1.yaml", deployment("web", "{\"web\": \"a\"}")));
        all.addAll(manifests("2.yaml", deployment("web", "{\"web\": \"b\"}")));
        assertThatThrownBy(() -> BuildAnnotations.collect(all, dir)).hasMessageContaining("is built from two contexts");
    }
}
