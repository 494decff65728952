package dev.wharf.api.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TablesTest {
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    private static final String CREATED = "2026-01-10T11:59:15Z";

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text.replace("CREATED", CREATED));
    }

    private static List<Object> cells(ResourceType type, ObjectNode object) {
        JsonNode row = Tables.table(type, List.of(object), NOW, null, true).at("/rows/0/cells");
        List<Object> out = new ArrayList<>();
        row.forEach(c -> out.add(c.isNumber() ? (Object) c.asLong() : c.asText()));
        return out;
    }

    @ParameterizedTest
    @CsvSource({"0,0s", "45,45s", "119,119s", "182,3m2s", "240,4m", "600,10m", "10799,179m", "18000,5h", "18600,5h10m",
            "100000,27h", "183600,2d3h", "777600,9d", "94608000,3y", "-1,0s", "-5,<invalid>"})
    void humanDurationsMatchKubectl(long seconds, String expected) {
        assertThat(Ages.human(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void podTableHasKubernetesColumnsAndPartialObjectMetadata() {
        ObjectNode pod = json("""
                {"metadata":{"name":"web-1","namespace":"default","creationTimestamp":"CREATED","labels":{"app":"web"}},
                 "spec":{"nodeName":"n1","containers":[{"name":"c"}]},
                 "status":{"phase":"Running","podIP":"100.96.0.5","containerStatuses":[{"name":"c","ready":true,"restartCount":0,
                   "state":{"running":{"startedAt":"CREATED"}}}]}}""");
        ObjectNode table = Tables.table(ResourceTypes.PODS, List.of(pod), NOW, null, true);
        assertThat(table.get("kind").asText()).isEqualTo("Table");
        assertThat(table.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        List<String> names = new ArrayList<>();
        table.get("columnDefinitions").forEach(c -> names.add(c.get("name").asText() + ":" + c.get("priority").asInt()));
        assertThat(names).containsExactly("Name:0", "Ready:0", "Status:0", "Restarts:0", "Age:0", "IP:1", "Node:1",
                "Nominated Node:1", "Readiness Gates:1");
        assertThat(table.at("/columnDefinitions/0/format").asText()).isEqualTo("name");
        assertThat(cells(ResourceTypes.PODS, pod)).containsExactly("web-1", "1/1", "Running", "0", "45s", "100.96.0.5", "n1",
                "<none>", "<none>");
        JsonNode object = table.at("/rows/0/object");
        assertThat(object.get("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(object.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(object.at("/metadata/labels/app").asText()).isEqualTo("web");
        assertThat(object.has("spec")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "creating | {\"phase\":\"Pending\",\"containerStatuses\":[{\"ready\":false,\"restartCount\":0,\"state\":{\"waiting\":{\"reason\":\"ContainerCreating\"}}}]} | 0/1 | ContainerCreating | 0",
            "crashloop | {\"phase\":\"Running\",\"containerStatuses\":[{\"ready\":false,\"restartCount\":2,\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}},\"lastState\":{\"terminated\":{\"exitCode\":1,\"finishedAt\":\"2026-01-10T11:59:55Z\"}}}]} | 0/1 | CrashLoopBackOff | 2 (5s ago)",
            "completed | {\"phase\":\"Succeeded\",\"containerStatuses\":[{\"ready\":false,\"restartCount\":0,\"state\":{\"terminated\":{\"exitCode\":0,\"reason\":\"Completed\"}}}]} | 0/1 | Completed | 0",
            "exit code | {\"phase\":\"Failed\",\"containerStatuses\":[{\"ready\":false,\"restartCount\":0,\"state\":{\"terminated\":{\"exitCode\":3}}}]} | 0/1 | ExitCode:3 | 0",
            "pending | {\"phase\":\"Pending\"} | 0/1 | Pending | 0",
            "init | {\"phase\":\"Pending\",\"initContainerStatuses\":[{\"name\":\"i\",\"restartCount\":0,\"state\":{\"waiting\":{\"reason\":\"PodInitializing\"}}}]} | 0/1 | Init:0/1 | 0"})
    void podStatusLikeKubectl(String name, String status, String ready, String reason, String restarts) {
        ObjectNode pod = json("{\"metadata\":{\"name\":\"p\",\"creationTimestamp\":\"CREATED\"},"
                + "\"spec\":{\"initContainers\":[{\"name\":\"i\"}],\"containers\":[{\"name\":\"c\"}]},\"status\":" + status + "}");
        if (!name.equals("init")) {
            ((ObjectNode) pod.get("spec")).remove("initContainers");
        }
        List<Object> cells = cells(ResourceTypes.PODS, pod);
        assertThat(cells.subList(1, 4)).containsExactly(ready, reason, restarts);
    }

    @Test
    void terminatingAndCompletedRows() {
        ObjectNode deleting = json("{\"metadata\":{\"name\":\"p\",\"creationTimestamp\":\"CREATED\",\"deletionTimestamp\":\"CREATED\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\"}]},\"status\":{\"phase\":\"Running\"}}");
        assertThat(cells(ResourceTypes.PODS, deleting).get(2)).isEqualTo("Terminating");
        ObjectNode done = json("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]},\"status\":{\"phase\":\"Succeeded\"}}");
        JsonNode row = Tables.table(ResourceTypes.PODS, List.of(done), NOW, "None", true).at("/rows/0");
        assertThat(row.at("/conditions/0/type").asText()).isEqualTo("Completed");
        assertThat(row.has("object")).isFalse();
    }

    @Test
    void deploymentsReplicaSetsAndServices() {
        ObjectNode d = json("""
                {"metadata":{"name":"nginx","creationTimestamp":"CREATED"},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"nginx"}},
                   "template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"},{"name":"side","image":"busybox"}]}}},
                 "status":{"readyReplicas":1,"updatedReplicas":2,"availableReplicas":1}}""");
        assertThat(cells(ResourceTypes.DEPLOYMENTS, d)).containsExactly("nginx", "1/2", 2L, 1L, "45s", "nginx,side",
                "nginx:1.25,busybox", "app=nginx");
        assertThat(cells(ResourceTypes.REPLICASETS, d)).containsExactly("nginx", 2L, 0L, 1L, "45s", "nginx,side",
                "nginx:1.25,busybox", "app=nginx");
        ObjectNode svc = json("""
                {"metadata":{"name":"web","creationTimestamp":"CREATED"},
                 "spec":{"type":"NodePort","clusterIP":"100.64.0.10","selector":{"app":"web","tier":"a"},
                   "ports":[{"port":80,"protocol":"TCP","nodePort":30080},{"port":53,"protocol":"UDP"}]}}""");
        assertThat(cells(ResourceTypes.SERVICES, svc)).containsExactly("web", "NodePort", "100.64.0.10", "<none>",
                "80:30080/TCP,53/UDP", "45s", "app=web,tier=a");
        ObjectNode lb = json("{\"metadata\":{\"name\":\"lb\"},\"spec\":{\"type\":\"LoadBalancer\",\"ports\":[]}}");
        assertThat(cells(ResourceTypes.SERVICES, lb).subList(2, 5)).containsExactly("<none>", "<pending>", "<none>");
    }

    @Test
    void clusterKinds() {
        ObjectNode ns = json("{\"metadata\":{\"name\":\"demo\",\"creationTimestamp\":\"CREATED\"},\"status\":{\"phase\":\"Active\"}}");
        assertThat(cells(ResourceTypes.NAMESPACES, ns)).containsExactly("demo", "Active", "45s");
        ObjectNode node = json("""
                {"metadata":{"name":"n1","creationTimestamp":"CREATED","labels":{"node-role.kubernetes.io/control-plane":""}},
                 "spec":{"unschedulable":true},
                 "status":{"conditions":[{"type":"Ready","status":"True"}],"addresses":[{"type":"InternalIP","address":"10.0.0.1"}],
                   "nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Debian","kernelVersion":"6.1","containerRuntimeVersion":"runc://1.1.5"}}}""");
        assertThat(cells(ResourceTypes.NODES, node)).containsExactly("n1", "Ready,SchedulingDisabled", "control-plane", "45s",
                "v1.32.0", "10.0.0.1", "<none>", "Debian", "6.1", "runc://1.1.5");
        ObjectNode event = json("""
                {"metadata":{"name":"web.1"},"type":"Normal","reason":"Scheduled","message":"ok ",
                 "involvedObject":{"kind":"Pod","name":"web-1"},"source":{"component":"default-scheduler"},
                 "firstTimestamp":"CREATED","lastTimestamp":"2026-01-10T11:59:50Z","count":3}""");
        assertThat(cells(ResourceTypes.EVENTS, event)).containsExactly("10s", "Normal", "Scheduled", "pod/web-1", "",
                "default-scheduler", "ok", "45s", 3L, "web.1");
        ObjectNode cm = json("{\"metadata\":{\"name\":\"c\",\"creationTimestamp\":\"CREATED\"},\"data\":{\"a\":\"1\",\"b\":\"2\"}}");
        assertThat(cells(ResourceTypes.CONFIGMAPS, cm)).containsExactly("c", 2L, "45s");
        ObjectNode secret = json("{\"metadata\":{\"name\":\"s\",\"creationTimestamp\":\"CREATED\"},\"type\":\"Opaque\",\"data\":{\"a\":\"MQ==\"}}");
        assertThat(cells(ResourceTypes.SECRETS, secret)).containsExactly("s", "Opaque", 1L, "45s");
        ObjectNode hpa = json("""
                {"metadata":{"name":"h","creationTimestamp":"CREATED"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"minReplicas":1,"maxReplicas":5,
                   "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}]},
                 "status":{"currentReplicas":2,"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":40}}}]}}""");
        assertThat(cells(ResourceTypes.HPAS, hpa)).containsExactly("h", "Deployment/web", "cpu: 40%/80%", "1", 5L, 2L, "45s");
        ObjectNode ep = json("""
                {"metadata":{"name":"web"},"subsets":[{"addresses":[{"ip":"1.1.1.1"},{"ip":"1.1.1.2"},{"ip":"1.1.1.3"},{"ip":"1.1.1.4"}],
                  "ports":[{"port":80}]}]}""");
        assertThat(cells(ResourceTypes.ENDPOINTS, ep).get(1)).isEqualTo("1.1.1.1:80,1.1.1.2:80,1.1.1.3:80 + 1 more...");
        ObjectNode ing = json("{\"metadata\":{\"name\":\"i\"},\"spec\":{\"rules\":[{\"host\":\"a.com\"}],\"tls\":[{}]}}");
        assertThat(cells(ResourceTypes.INGRESSES, ing).subList(1, 5)).containsExactly("<none>", "a.com", "", "80, 443");
        ObjectNode lease = json("{\"metadata\":{\"name\":\"l\",\"creationTimestamp\":\"CREATED\"},\"spec\":{\"holderIdentity\":\"me\"}}");
        assertThat(cells(ResourceTypes.LEASES, lease)).containsExactly("l", "me", "45s");
    }

    @Test
    void otherKindsGetNameAndCreatedAt() {
        ResourceType wharfKind = new ResourceType("wharf.dev", "v1", "Pipeline", "pipelines", "pipeline", true, List.of(),
                List.of(), Set.of(), ConfigMap.class);
        ObjectNode obj = json("{\"metadata\":{\"name\":\"p\",\"creationTimestamp\":\"CREATED\"}}");
        ObjectNode table = Tables.table(wharfKind, List.of(obj), NOW, "Object", true);
        assertThat(table.at("/columnDefinitions/1/name").asText()).isEqualTo("Created At");
        assertThat(table.at("/columnDefinitions/1/type").asText()).isEqualTo("date");
        assertThat(table.at("/rows/0/cells/1").asText()).isEqualTo(CREATED);
        assertThat(table.at("/rows/0/object")).isEqualTo(obj);
    }

    @Test
    void watchEventsAfterTheFirstCarryNoColumns() {
        ObjectNode ns = json("{\"metadata\":{\"name\":\"demo\"}}");
        ObjectNode table = Tables.table(ResourceTypes.NAMESPACES, List.of(ns), NOW, "Metadata", false);
        assertThat(table.get("columnDefinitions")).isEmpty();
        assertThat(table.at("/rows/0/cells/2").asText()).isEqualTo("<unknown>");
    }

    @Test
    void endpointSlicesIngressClassesAndLoadBalancers() {
        ObjectNode slice = json("""
                {"metadata":{"name":"web-abcde","creationTimestamp":"CREATED"},"addressType":"IPv4",
                 "ports":[{"name":"http","port":8080},{"name":"a","port":1},{"name":"b","port":2},{"name":"named"}],
                 "endpoints":[{"addresses":["10.0.0.1"]},{"addresses":["10.0.0.2"]}]}""");
        assertThat(cells(ResourceTypes.ENDPOINT_SLICES, slice))
                .containsExactly("web-abcde", "IPv4", "8080,1,2 + 1 more...", "10.0.0.1,10.0.0.2", "45s");
        ObjectNode empty = json("{\"metadata\":{\"name\":\"e\"},\"addressType\":\"IPv4\"}");
        assertThat(cells(ResourceTypes.ENDPOINT_SLICES, empty).subList(2, 4)).containsExactly("<unset>", "<unset>");
        assertThat(Tables.columns(ResourceTypes.ENDPOINT_SLICES)).extracting(Column::name)
                .containsExactly("Name", "AddressType", "Ports", "Endpoints", "Age");
        ObjectNode ic = json("""
                {"metadata":{"name":"wharf","creationTimestamp":"CREATED"},"spec":{"controller":"wharf.dev/gateway",
                 "parameters":{"apiGroup":"wharf.dev","kind":"GatewayConfig","name":"main"}}}""");
        assertThat(cells(ResourceTypes.INGRESS_CLASSES, ic))
                .containsExactly("wharf", "wharf.dev/gateway", "GatewayConfig.wharf.dev/main", "45s");
        ObjectNode lb = json("""
                {"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","clusterIP":"100.64.0.3",
                 "ports":[{"port":80,"protocol":"TCP","nodePort":30001}]},
                 "status":{"loadBalancer":{"ingress":[{"ip":"127.0.100.1"}]}}}""");
        assertThat(cells(ResourceTypes.SERVICES, lb).subList(1, 5))
                .containsExactly("LoadBalancer", "100.64.0.3", "127.0.100.1", "80:30001/TCP");
        ObjectNode ing = json("""
                {"metadata":{"name":"shop"},"spec":{"ingressClassName":"wharf"},
                 "status":{"loadBalancer":{"ingress":[{"ip":"127.0.0.1"}]}}}""");
        assertThat(cells(ResourceTypes.INGRESSES, ing).subList(1, 5)).containsExactly("wharf", "*", "127.0.0.1", "80");
    }
}
