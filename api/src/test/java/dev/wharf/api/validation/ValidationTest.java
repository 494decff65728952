package dev.wharf.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.defaults.Defaults;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidationTest {
    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default, labels: {app: web}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.25
                    ports: [{containerPort: 80, name: http}]
            """;
    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            """;

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> validate(ResourceType type, String yaml, Consumer<ObjectNode> change) {
        ObjectNode obj = yaml(yaml);
        change.accept(obj);
        Defaults.apply(type, obj);
        return Causes.describe(Validation.validate(type, obj, null));
    }

    @Test
    void theCanonicalObjectsAreValid() {
        assertThat(validate(ResourceTypes.DEPLOYMENTS, DEPLOYMENT, o -> { })).isEmpty();
        assertThat(validate(ResourceTypes.SERVICES, SERVICE, o -> { })).isEmpty();
    }

    @Test
    void theAcceptanceBadManifestYieldsKubernetesCauses() {
        String bad = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: Bad_Name
                spec:
                  replicas: -1
                  selector:
                    matchLabels: {app: bad}
                  template:
                    metadata:
                      labels: {app: other}
                    spec:
                      containers:
                      - name: c
                """;
        ObjectNode obj = yaml(bad);
        ((ObjectNode) obj.get("metadata")).put("namespace", "default");
        Defaults.apply(ResourceTypes.DEPLOYMENTS, obj);
        List<StatusCause> causes = Validation.validate(ResourceTypes.DEPLOYMENTS, obj, null);
        assertThat(Causes.describe(causes)).containsExactly(
                "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case "
                        + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
                        + "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match "
                        + "template `labels`",
                "spec.template.spec.containers[0].image: Required value");
        assertThat(causes).extracting(StatusCause::getReason)
                .containsExactly("FieldValueInvalid", "FieldValueInvalid", "FieldValueInvalid", "FieldValueRequired");
        ApiException e = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
                () -> Validation.requireValid(ResourceTypes.DEPLOYMENTS, obj, null));
        assertThat(e.code()).isEqualTo(422);
        assertThat(e.status().getDetails().getCauses()).hasSize(4);
        assertThat(e.getMessage()).startsWith("Deployment.apps \"Bad_Name\" is invalid: [metadata.name: Invalid value: \"Bad_Name\"");
    }

    static Stream<Arguments> deploymentCases() {
        return Stream.of(
                Arguments.of("duplicate container", (Consumer<ObjectNode>) d -> containers(d).addObject().put("name", "web").put("image", "x"),
                        "spec.template.spec.containers[1].name: Duplicate value: \"web\""),
                Arguments.of("no containers", (Consumer<ObjectNode>) d -> containers(d).removeAll(),
                        "spec.template.spec.containers: Required value"),
                Arguments.of("template restart policy", (Consumer<ObjectNode>) d -> podSpec(d).put("restartPolicy", "Never"),
                        "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""),
                Arguments.of("container name", (Consumer<ObjectNode>) d -> container(d).put("name", "Web"),
                        "spec.template.spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower "
                                + "case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. "
                                + "'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
                Arguments.of("port range", (Consumer<ObjectNode>) d -> ((ObjectNode) container(d).path("ports").get(0)).put("containerPort", 70000),
                        "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"),
                Arguments.of("duplicate port", (Consumer<ObjectNode>) d -> ((com.fasterxml.jackson.databind.node.ArrayNode) container(d).get("ports"))
                                .addObject().put("containerPort", 80),
                        "spec.template.spec.containers[0].ports[1].containerPort: Duplicate value: \"80/TCP\""),
                Arguments.of("requests over limits", (Consumer<ObjectNode>) d -> {
                            ObjectNode r = container(d).putObject("resources");
                            r.putObject("limits").put("cpu", "500m");
                            r.putObject("requests").put("cpu", "1");
                        },
                        "spec.template.spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m"),
                Arguments.of("mount without volume", (Consumer<ObjectNode>) d -> container(d).putArray("volumeMounts").addObject()
                                .put("name", "data").put("mountPath", "/data"),
                        "spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"data\""),
                Arguments.of("env name", (Consumer<ObjectNode>) d -> container(d).putArray("env").addObject().put("name", "1BAD"),
                        "spec.template.spec.containers[0].env[0].name: Invalid value: \"1BAD\": a valid environment variable name must "
                                + "consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. "
                                + "'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"),
                Arguments.of("no selector", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("spec")).remove("selector"),
                        "spec.selector: Required value"),
                Arguments.of("empty selector", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("spec")).putObject("selector"),
                        "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                                + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"),
                Arguments.of("label value", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("metadata")).putObject("labels").put("app", "a b"),
                        "metadata.labels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric "
                                + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
                                + "or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
                Arguments.of("max surge", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("spec")).putObject("strategy")
                                .put("type", "RollingUpdate").putObject("rollingUpdate").put("maxSurge", 0).put("maxUnavailable", 0),
                        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: "
                                + "may not be 0 when `maxSurge` is 0"),
                Arguments.of("missing name", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("metadata")).remove("name"),
                        "metadata.name: Required value: name or generateName is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deploymentCases")
    void deploymentErrorsReadLikeKubernetes(String name, Consumer<ObjectNode> change, String expected) {
        assertThat(validate(ResourceTypes.DEPLOYMENTS, DEPLOYMENT, change)).containsExactly(expected);
    }

    @Test
    void theSelectorIsImmutableOnUpdate() {
        ObjectNode old = yaml(DEPLOYMENT);
        Defaults.apply(ResourceTypes.DEPLOYMENTS, old);
        ObjectNode updated = old.deepCopy();
        ((ObjectNode) updated.at("/spec/selector/matchLabels")).put("app", "web2");
        ((ObjectNode) updated.at("/spec/template/metadata/labels")).put("app", "web2");
        assertThat(Causes.describe(Validation.validate(ResourceTypes.DEPLOYMENTS, updated, old))).containsExactly(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    static Stream<Arguments> serviceCases() {
        return Stream.of(
                Arguments.of("no ports", (Consumer<ObjectNode>) s -> ((ObjectNode) s.get("spec")).remove("ports"), "spec.ports: Required value"),
                Arguments.of("port range", (Consumer<ObjectNode>) s -> ((ObjectNode) s.at("/spec/ports/0")).put("port", 0),
                        "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"),
                Arguments.of("type", (Consumer<ObjectNode>) s -> ((ObjectNode) s.get("spec")).put("type", "Magic"),
                        "spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""),
                Arguments.of("unnamed ports", (Consumer<ObjectNode>) s -> ((com.fasterxml.jackson.databind.node.ArrayNode) s.at("/spec/ports"))
                                .addObject().put("port", 81),
                        "spec.ports[0].name: Required value"),
                Arguments.of("duplicate port", (Consumer<ObjectNode>) s -> ((com.fasterxml.jackson.databind.node.ArrayNode) s.at("/spec/ports"))
                                .addObject().put("port", 80).put("name", "b"),
                        "spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), "
                                + "Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceCases")
    void serviceErrorsReadLikeKubernetes(String name, Consumer<ObjectNode> change, String expected) {
        assertThat(validate(ResourceTypes.SERVICES, SERVICE, change)).contains(expected);
    }

    @Test
    void headlessServicesNeedNoPorts() {
        assertThat(validate(ResourceTypes.SERVICES, SERVICE, s -> {
            ((ObjectNode) s.get("spec")).remove("ports");
            ((ObjectNode) s.get("spec")).put("clusterIP", "None");
        })).isEmpty();
    }

    @Test
    void clusterIpIsImmutable() {
        ObjectNode old = yaml(SERVICE);
        Defaults.apply(ResourceTypes.SERVICES, old);
        ((ObjectNode) old.get("spec")).put("clusterIP", "100.64.0.10");
        ObjectNode updated = old.deepCopy();
        ((ObjectNode) updated.get("spec")).put("clusterIP", "100.64.0.11");
        assertThat(Causes.describe(Validation.validate(ResourceTypes.SERVICES, updated, old)))
                .containsExactly("spec.clusterIP: Invalid value: \"100.64.0.11\": field is immutable");
    }

    @Test
    void namespacesAreLabelsAndClusterScoped() {
        ObjectNode ns = yaml("{apiVersion: v1, kind: Namespace, metadata: {name: a.b}}");
        assertThat(Causes.describe(Validation.validate(ResourceTypes.NAMESPACES, ns, null))).singleElement().asString()
                .startsWith("metadata.name: Invalid value: \"a.b\": a lowercase RFC 1123 label");
        ObjectNode good = yaml("{apiVersion: v1, kind: Namespace, metadata: {name: demo}}");
        assertThat(Validation.validate(ResourceTypes.NAMESPACES, good, null)).isEmpty();
    }

    @Test
    void configMapAndSecretKeys() {
        ObjectNode cm = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: default}, data: {'bad key': x, good.key: y}}");
        assertThat(Causes.describe(Validation.validate(ResourceTypes.CONFIGMAPS, cm, null))).containsExactly(
                "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' "
                        + "or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        ObjectNode tls = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: default}, type: kubernetes.io/tls, data: {tls.crt: eA==}}");
        assertThat(Causes.describe(Validation.validate(ResourceTypes.SECRETS, tls, null))).containsExactly("data[tls.key]: Required value");
        ObjectNode garbled = yaml("{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: default}, data: {a: '!!notbase64'}}");
        assertThat(Causes.describe(Validation.validate(ResourceTypes.SECRETS, garbled, null))).singleElement().asString()
                .endsWith("illegal base64 data");
    }

    @Test
    void ingressPathsNeedAPathType() {
        ObjectNode ing = yaml("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: i, namespace: default}
                spec:
                  rules:
                  - host: example.com
                    http:
                      paths:
                      - path: /
                        backend: {service: {name: web, port: {number: 80}}}
                """);
        assertThat(Causes.describe(Validation.validate(ResourceTypes.INGRESSES, ing, null)))
                .containsExactly("spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified");
    }

    @Test
    void hpaBounds() {
        ObjectNode hpa = yaml("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: h, namespace: default}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 5
                  maxReplicas: 2
                """);
        Defaults.apply(ResourceTypes.HPAS, hpa);
        assertThat(Causes.describe(Validation.validate(ResourceTypes.HPAS, hpa, null)))
                .containsExactly("spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`");
    }

    @Test
    void podRestartPolicyIsAnEnum() {
        ObjectNode pod = yaml("{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: default}, "
                + "spec: {restartPolicy: Sometimes, containers: [{name: c, image: busybox}]}}");
        Defaults.apply(ResourceTypes.PODS, pod);
        assertThat(Causes.describe(Validation.validate(ResourceTypes.PODS, pod, null))).containsExactly(
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    }

    @Test
    void podSpecsAreFixedExceptImagesAndBinding() {
        ObjectNode old = yaml("{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: default}, spec: {containers: [{name: c, image: a}]}}");
        Defaults.apply(ResourceTypes.PODS, old);
        ObjectNode newImage = old.deepCopy();
        ((ObjectNode) newImage.at("/spec/containers/0")).put("image", "b");
        ((ObjectNode) newImage.get("spec")).put("nodeName", "n1");
        assertThat(Validation.validate(ResourceTypes.PODS, newImage, old)).isEmpty();
        ObjectNode newPolicy = old.deepCopy();
        ((ObjectNode) newPolicy.get("spec")).put("restartPolicy", "Never");
        assertThat(Causes.describe(Validation.validate(ResourceTypes.PODS, newPolicy, old))).singleElement().asString()
                .startsWith("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`")
                .contains("restartPolicy: \"Always\" -> \"Never\"");
        ObjectNode moreContainers = old.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) moreContainers.at("/spec/containers")).addObject().put("name", "d").put("image", "x");
        Defaults.apply(ResourceTypes.PODS, moreContainers);
        assertThat(Causes.describe(Validation.validate(ResourceTypes.PODS, moreContainers, old)))
                .containsExactly("spec.containers: Forbidden: pod updates may not add or remove containers");
    }

    @Test
    void generateNamePrefixesAreChecked() {
        ObjectNode pod = yaml("{apiVersion: v1, kind: Pod, metadata: {generateName: web-, namespace: default}, spec: {containers: [{name: c, image: a}]}}");
        Defaults.apply(ResourceTypes.PODS, pod);
        assertThat(Validation.validate(ResourceTypes.PODS, pod, null)).isEmpty();
        ((ObjectNode) pod.get("metadata")).put("generateName", "Web-");
        assertThat(Causes.describe(Validation.validate(ResourceTypes.PODS, pod, null))).singleElement().asString()
                .startsWith("metadata.generateName: Invalid value: \"Web-\"");
    }

    @Test
    void podsValidateTheirSpecAtSpec() {
        ObjectNode pod = yaml("{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: default}, spec: {containers: [{name: c}]}}");
        Defaults.apply(ResourceTypes.PODS, pod);
        assertThat(Causes.describe(Validation.validate(ResourceTypes.PODS, pod, null))).containsExactly("spec.containers[0].image: Required value");
    }

    private static ObjectNode podSpec(ObjectNode d) {
        return (ObjectNode) d.at("/spec/template/spec");
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode containers(ObjectNode d) {
        return (com.fasterxml.jackson.databind.node.ArrayNode) d.at("/spec/template/spec/containers");
    }

    private static ObjectNode container(ObjectNode d) {
        return (ObjectNode) containers(d).get(0);
    }
}
