package dev.wharf.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.wharf.api.ApiException;
import dev.wharf.common.Json;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Batch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ProtobufCodecTest {
    /** kubectl 1.32 `create namespace demo`, byte for byte (kubectl-wire.md W9). */
    private static final String KUBECTL_NAMESPACE = "6b387300" + "0a0f" + "0a02" + hex("v1") + "1209" + hex("Namespace")
            + "121c" + "0a14" + "0a04" + hex("demo") + "1200" + "1a00" + "2200" + "2a00" + "3200" + "3800" + "4200"
            + "1200" + "1a02" + "0a00" + "1a00" + "2200";

    @Test
    void decodesKubectlsNamespaceBody() {
        byte[] body = HexFormat.of().parseHex(KUBECTL_NAMESPACE);
        assertThat(body).hasSize(55);
        assertThat(ProtobufCodec.decode(body)).isEqualTo(Json.parse(
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"demo\"},\"spec\":{},\"status\":{}}"));
    }

    /** ObjectMeta as Go writes it: every non-pointer field present, even when empty. */
    private static Meta.ObjectMeta.Builder meta(String name) {
        return Meta.ObjectMeta.newBuilder().setName(name).setGenerateName("").setNamespace("").setSelfLink("").setUid("")
                .setResourceVersion("").setGeneration(0).setCreationTimestamp(Meta.Time.getDefaultInstance());
    }

    private static V1.Container.Builder container(String name, String image) {
        return V1.Container.newBuilder().setName(name).setImage(image).setWorkingDir("")
                .setResources(V1.ResourceRequirements.getDefaultInstance()).setTerminationMessagePath("")
                .setImagePullPolicy("").setStdin(false).setStdinOnce(false).setTty(false).setTerminationMessagePolicy("");
    }

    @Test
    void roundTripsAKubectlStyleDeployment() {
        V1Apps.Deployment d = V1Apps.Deployment.newBuilder()
                .setMetadata(meta("hello").putLabels("app", "hello"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(0)
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "hello"))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(meta("").putLabels("app", "hello"))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(container("nginx", "nginx:1.25")
                                                .addPorts(V1.ContainerPort.newBuilder().setContainerPort(80).setName("").setProtocol(""))
                                                .setResources(V1.ResourceRequirements.newBuilder()
                                                        .putLimits("cpu", Resource.Quantity.newBuilder().setString("500m").build())))
                                        .setRestartPolicy("").setDnsPolicy("").setServiceAccountName("").setHostNetwork(false)))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType(""))
                        .setMinReadySeconds(0).setPaused(false))
                .setStatus(V1Apps.DeploymentStatus.newBuilder().setReplicas(0).setObservedGeneration(0))
                .build();
        assertThat(ProtobufCodec.decode(envelope("apps/v1", "Deployment", d))).isEqualTo(Json.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"hello","labels":{"app":"hello"}},
                 "spec":{"replicas":0,"selector":{"matchLabels":{"app":"hello"}},
                   "template":{"metadata":{"labels":{"app":"hello"}},
                     "spec":{"containers":[{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80}],
                       "resources":{"limits":{"cpu":"500m"}}}]}},
                   "strategy":{}},
                 "status":{}}"""));
    }

    @Test
    void roundTripsAServiceWithIntOrString() {
        V1.Service s = V1.Service.newBuilder().setMetadata(meta("svc2").putLabels("app", "svc2"))
                .setSpec(V1.ServiceSpec.newBuilder()
                        .addPorts(V1.ServicePort.newBuilder().setName("80-8080").setProtocol("TCP").setPort(80)
                                .setTargetPort(IntStr.IntOrString.newBuilder().setType(0).setIntVal(8080).setStrVal(""))
                                .setNodePort(0))
                        .addPorts(V1.ServicePort.newBuilder().setName("https").setProtocol("TCP").setPort(443)
                                .setTargetPort(IntStr.IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal("https")))
                        .putSelector("app", "svc2").setClusterIP("").setType("ClusterIP").setSessionAffinity("")
                        .setLoadBalancerIP("").setExternalName("").setExternalTrafficPolicy("").setHealthCheckNodePort(0)
                        .setPublishNotReadyAddresses(false))
                .setStatus(V1.ServiceStatus.newBuilder().setLoadBalancer(V1.LoadBalancerStatus.getDefaultInstance()))
                .build();
        assertThat(ProtobufCodec.decode(envelope("v1", "Service", s))).isEqualTo(Json.parse("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"svc2","labels":{"app":"svc2"}},
                 "spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080},
                                  {"name":"https","protocol":"TCP","port":443,"targetPort":"https"}],
                   "selector":{"app":"svc2"},"type":"ClusterIP"},
                 "status":{"loadBalancer":{}}}"""));
    }

    @Test
    void secretBytesBecomeBase64AndTimesRfc3339() {
        V1.Secret s = V1.Secret.newBuilder()
                .setMetadata(meta("s").setNamespace("default")
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1_700_000_000L).setNanos(0)))
                .putData("password", ByteString.copyFrom("hunter2", StandardCharsets.UTF_8)).setType("Opaque").build();
        assertThat(ProtobufCodec.decode(envelope("v1", "Secret", s))).isEqualTo(Json.parse("""
                {"apiVersion":"v1","kind":"Secret",
                 "metadata":{"name":"s","namespace":"default","creationTimestamp":"2023-11-14T22:13:20Z"},
                 "data":{"password":"aHVudGVyMg=="},"type":"Opaque"}"""));
    }

    @Test
    void configMapsAndJobsDecode() {
        V1.ConfigMap cm = V1.ConfigMap.newBuilder().setMetadata(meta("c")).putData("k", "v").build();
        assertThat(ProtobufCodec.decode(envelope("v1", "ConfigMap", cm)).get("data")).isEqualTo(Json.parse("{\"k\":\"v\"}"));
        V1Batch.Job job = V1Batch.Job.newBuilder().setMetadata(meta("j1"))
                .setSpec(V1Batch.JobSpec.newBuilder().setTemplate(V1.PodTemplateSpec.newBuilder().setMetadata(meta(""))
                        .setSpec(V1.PodSpec.newBuilder().addContainers(container("j1", "busybox")).setRestartPolicy("Never"))))
                .build();
        assertThat(ProtobufCodec.decode(envelope("batch/v1", "Job", job)).at("/spec/template/spec")).isEqualTo(Json.parse(
                "{\"containers\":[{\"name\":\"j1\",\"image\":\"busybox\",\"resources\":{}}],\"restartPolicy\":\"Never\"}"));
    }

    @Test
    void unknownKindsAre415AndGarbageIs400() {
        assertThatThrownBy(() -> ProtobufCodec.decode(envelope("example.com/v1", "Widget", V1.ConfigMap.getDefaultInstance())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(415));
        assertThatThrownBy(() -> ProtobufCodec.decode("{\"kind\":\"Namespace\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        byte[] truncated = HexFormat.of().parseHex(KUBECTL_NAMESPACE.substring(0, 60));
        assertThatThrownBy(() -> ProtobufCodec.decode(truncated))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void embeddedGoStructsAreInlined() {
        V1.PodSpec spec = V1.PodSpec.newBuilder()
                .addVolumes(V1.Volume.newBuilder().setName("cfg").setVolumeSource(V1.VolumeSource.newBuilder()
                        .setConfigMap(V1.ConfigMapVolumeSource.newBuilder()
                                .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("app-config")))))
                .addContainers(container("c", "x")
                        .setReadinessProbe(V1.Probe.newBuilder().setHandler(V1.ProbeHandler.newBuilder()
                                .setHttpGet(V1.HTTPGetAction.newBuilder().setPath("/healthz")
                                        .setPort(IntStr.IntOrString.newBuilder().setType(0).setIntVal(8080)))).setPeriodSeconds(5))
                        .addEnv(V1.EnvVar.newBuilder().setName("GREETING").setValueFrom(V1.EnvVarSource.newBuilder()
                                .setConfigMapKeyRef(V1.ConfigMapKeySelector.newBuilder().setKey("greeting")
                                        .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("app-config"))))))
                .build();
        V1.Pod pod = V1.Pod.newBuilder().setMetadata(meta("p")).setSpec(spec).build();
        assertThat(ProtobufCodec.decode(envelope("v1", "Pod", pod)).get("spec")).isEqualTo(Json.parse("""
                {"volumes":[{"name":"cfg","configMap":{"name":"app-config"}}],
                 "containers":[{"name":"c","image":"x","env":[{"name":"GREETING","valueFrom":{"configMapKeyRef":
                    {"name":"app-config","key":"greeting"}}}],"resources":{},
                  "readinessProbe":{"httpGet":{"path":"/healthz","port":8080},"periodSeconds":5}}]}"""));
    }

    @Test
    void goDurations() {
        assertThat(GoDuration.format(0)).isEqualTo("0s");
        assertThat(GoDuration.format(1_500_000_000L)).isEqualTo("1.5s");
        assertThat(GoDuration.format(3_600_000_000_000L)).isEqualTo("1h0m0s");
        assertThat(GoDuration.format(300_000_000L)).isEqualTo("300ms");
    }

    private static byte[] envelope(String apiVersion, String kind, Message object) {
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString()).setContentEncoding("").setContentType("").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x6b, 0x38, 0x73, 0x00});
        out.writeBytes(unknown.toByteArray());
        return out.toByteArray();
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }
}
