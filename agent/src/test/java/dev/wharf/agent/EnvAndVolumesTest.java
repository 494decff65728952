package dev.wharf.agent;

import dev.wharf.agent.env.EnvResolver;
import dev.wharf.agent.pods.ConfigException;
import dev.wharf.agent.volumes.VolumeManager;
import dev.wharf.common.ManualClock;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import dev.wharf.spi.runtime.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvAndVolumesTest {
    final FakeApiClient api = new FakeApiClient(new ManualClock(), new Random(1));

    EnvAndVolumesTest() {
        api.create(new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName("cfg").endMetadata()
                .addToData("mode", "fast").addToData("level", "3").build());
        api.create(new SecretBuilder().withNewMetadata().withNamespace("default").withName("sec").endMetadata()
                .addToData("password", Base64.getEncoder().encodeToString("hunter2".getBytes(StandardCharsets.UTF_8))).build());
    }

    Pod pod() {
        return api.create(new PodBuilder().withNewMetadata().withNamespace("default").withName("p").addToLabels("app", "web").endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build());
    }

    @Test
    void envFromConfigMapSecretFieldRefAndResources() {
        Pod pod = pod();
        Container c = new ContainerBuilder().withName("c")
                .addNewEnvFrom().withPrefix("CFG_").withNewConfigMapRef().withName("cfg").endConfigMapRef().endEnvFrom()
                .addNewEnv().withName("MODE").withNewValueFrom().withNewConfigMapKeyRef("mode", "cfg", false).endValueFrom().endEnv()
                .addNewEnv().withName("PASS").withNewValueFrom().withNewSecretKeyRef("password", "sec", false).endValueFrom().endEnv()
                .addNewEnv().withName("POD").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("NS").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("NODE").withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("APP").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.labels['app']").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("MEM").withNewValueFrom().withNewResourceFieldRef().withResource("limits.memory")
                .withDivisor(new Quantity("1Mi")).endResourceFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("URL").withValue("http://$(IP):80/$(MODE)").endEnv()
                .withNewResources().addToLimits("memory", new Quantity("64Mi")).endResources()
                .build();
        Map<String, String> env = new EnvResolver(api, Map.of()).resolve(pod, c, "100.96.0.5", "127.0.0.1");
        assertThat(env).containsEntry("CFG_mode", "fast").containsEntry("CFG_level", "3")
                .containsEntry("MODE", "fast").containsEntry("PASS", "hunter2").containsEntry("POD", "p")
                .containsEntry("NS", "default").containsEntry("NODE", "node-1").containsEntry("IP", "100.96.0.5")
                .containsEntry("APP", "web").containsEntry("MEM", "64").containsEntry("URL", "http://100.96.0.5:80/fast");
        Container missing = new ContainerBuilder().withName("c").addNewEnv().withName("X").withNewValueFrom()
                .withNewConfigMapKeyRef("nope", "cfg", false).endValueFrom().endEnv().build();
        assertThatThrownBy(() -> new EnvResolver(api, Map.of()).resolve(pod, missing, "", ""))
                .isInstanceOf(ConfigException.class).hasMessage("couldn't find key nope in ConfigMap default/cfg");
    }

    @Test
    void volumesWithItemsModesSubPathAndReadOnly(@TempDir Path dir) throws Exception {
        Pod pod = api.create(new PodBuilder(pod()).editMetadata().withName("v").withUid(null).withResourceVersion(null).endMetadata().editSpec()
                .addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("conf").withNewConfigMap().withName("cfg").addNewItem().withKey("mode")
                .withPath("sub/mode.txt").endItem().endConfigMap().endVolume()
                .addNewVolume().withName("creds").withNewSecret().withSecretName("sec").withDefaultMode(0400).endSecret().endVolume()
                .addNewVolume().withName("host").withNewHostPath().withPath(dir.resolve("h").toString()).withType("DirectoryOrCreate").endHostPath().endVolume()
                .editFirstContainer()
                .addNewVolumeMount().withName("scratch").withMountPath("/data").withSubPath("one").endVolumeMount()
                .addNewVolumeMount().withName("conf").withMountPath("/etc/conf").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("creds").withMountPath("/secrets").endVolumeMount()
                .addNewVolumeMount().withName("host").withMountPath("/host").endVolumeMount()
                .endContainer().endSpec().build());
        VolumeManager vm = new VolumeManager(api, dir);
        Map<String, Path> vols = vm.prepare(pod);
        assertThat(Files.readString(vols.get("conf").resolve("sub/mode.txt"))).isEqualTo("fast");
        assertThat(vols.get("conf").resolve("level")).doesNotExist();
        Path pw = vols.get("creds").resolve("password");
        assertThat(Files.readString(pw)).isEqualTo("hunter2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pw))).isEqualTo("r--------");
        assertThat(vols.get("host")).isDirectory();
        List<Mount> mounts = vm.mounts(pod.getSpec().getContainers().get(0), vols);
        assertThat(mounts.get(0).hostPath()).isEqualTo(vols.get("scratch").resolve("one")).isDirectory();
        assertThat(mounts.get(1).readOnly()).isTrue();
        assertThat(mounts).extracting(Mount::containerPath).containsExactly("/data", "/etc/conf", "/secrets", "/host");
        vm.cleanup(pod.getMetadata().getUid());
        assertThat(vm.podDir(pod.getMetadata().getUid())).doesNotExist();
    }
}
