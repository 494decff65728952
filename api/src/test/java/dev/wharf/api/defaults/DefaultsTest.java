package dev.wharf.api.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultsTest {
    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text);
    }

    @Test
    void deploymentGetsKubernetesDefaults() {
        ObjectNode d = json("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"web","image":"nginx:1.25","ports":[{"containerPort":80}],
                   "readinessProbe":{"httpGet":{"port":80}}}]}}}}""");
        Defaults.apply(ResourceTypes.DEPLOYMENTS, d);
        assertThat(d.at("/spec")).isEqualTo(Json.parse("""
                {"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[{"name":"web","image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"}],
                     "readinessProbe":{"httpGet":{"port":80,"path":"/","scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,
                       "successThreshold":1,"failureThreshold":3},
                     "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File",
                     "imagePullPolicy":"IfNotPresent","resources":{}}],
                   "dnsPolicy":"ClusterFirst","restartPolicy":"Always","terminationGracePeriodSeconds":30,
                   "schedulerName":"default-scheduler","securityContext":{}}},
                 "replicas":1,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
                 "revisionHistoryLimit":10,"progressDeadlineSeconds":600}"""));
    }

    @Test
    void explicitValuesStay() {
        ObjectNode d = json("""
                {"spec":{"replicas":0,"strategy":{"type":"Recreate"},"revisionHistoryLimit":2,
                  "template":{"spec":{"restartPolicy":"Always","containers":[{"name":"c","image":"x","imagePullPolicy":"Never"}]}}}}""");
        Defaults.apply(ResourceTypes.DEPLOYMENTS, d);
        assertThat(d.at("/spec/replicas").asInt()).isZero();
        assertThat(d.at("/spec/strategy")).isEqualTo(Json.parse("{\"type\":\"Recreate\"}"));
        assertThat(d.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(2);
        assertThat(d.at("/spec/template/spec/containers/0/imagePullPolicy").asText()).isEqualTo("Never");
    }

    @ParameterizedTest
    @CsvSource({"nginx,Always", "nginx:latest,Always", "nginx:1.25,IfNotPresent", "localhost:5000/app,Always",
            "localhost:5000/app:v1,IfNotPresent", "nginx@sha256:abc,IfNotPresent"})
    void imagePullPolicyFollowsTheTag(String image, String policy) {
        assertThat(PodDefaults.pullPolicy(image)).isEqualTo(policy);
    }

    @Test
    void serviceDefaults() {
        ObjectNode s = json("{\"spec\":{\"ports\":[{\"port\":80},{\"port\":443,\"targetPort\":\"https\"}]}}");
        Defaults.apply(ResourceTypes.SERVICES, s);
        assertThat(s.get("spec")).isEqualTo(Json.parse("""
                {"ports":[{"port":80,"protocol":"TCP","targetPort":80},{"port":443,"targetPort":"https","protocol":"TCP"}],
                 "sessionAffinity":"None","type":"ClusterIP","internalTrafficPolicy":"Cluster"}"""));
    }

    @Test
    void namespaceSecretPodAndHpa() {
        ObjectNode ns = json("{\"metadata\":{\"name\":\"demo\"}}");
        Defaults.apply(ResourceTypes.NAMESPACES, ns);
        assertThat(ns).isEqualTo(Json.parse("""
                {"metadata":{"name":"demo","labels":{"kubernetes.io/metadata.name":"demo"}},
                 "status":{"phase":"Active"}}"""));
        ObjectNode finalized = json("{\"metadata\":{\"name\":\"demo\"},\"spec\":{\"finalizers\":[]}}");
        Defaults.apply(ResourceTypes.NAMESPACES, finalized);
        assertThat(finalized.at("/spec/finalizers")).as("defaulting never re-adds a removed finalizer").isEmpty();

        ObjectNode secret = json("{\"metadata\":{\"name\":\"s\"}}");
        Defaults.apply(ResourceTypes.SECRETS, secret);
        assertThat(secret.get("type").asText()).isEqualTo("Opaque");

        ObjectNode pod = json("{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\",\"resources\":{\"limits\":{\"cpu\":\"1\"}}}]}}");
        Defaults.apply(ResourceTypes.PODS, pod);
        assertThat(pod.at("/spec/enableServiceLinks").asBoolean()).isTrue();
        assertThat(pod.at("/spec/containers/0/resources/requests/cpu").asText()).isEqualTo("1");

        ObjectNode hpa = json("{\"spec\":{\"maxReplicas\":3,\"behavior\":{}}}");
        Defaults.apply(ResourceTypes.HPAS, hpa);
        JsonNode spec = hpa.get("spec");
        assertThat(spec.get("minReplicas").asInt()).isEqualTo(1);
        assertThat(spec.at("/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(80);
        assertThat(spec.at("/behavior/scaleDown/stabilizationWindowSeconds").asInt()).isEqualTo(300);
        assertThat(spec.at("/behavior/scaleUp/policies")).hasSize(2);
    }

    @Test
    void defaultingTwiceChangesNothing() {
        ObjectNode d = json("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}}}");
        Defaults.apply(ResourceTypes.DEPLOYMENTS, d);
        ObjectNode once = d.deepCopy();
        Defaults.apply(ResourceTypes.DEPLOYMENTS, d);
        assertThat(d).isEqualTo(once);
    }
}
