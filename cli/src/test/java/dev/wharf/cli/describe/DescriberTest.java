package dev.wharf.cli.describe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriberTest {
    private static final Instant NOW = Instant.parse("2026-11-27T20:10:00Z");
    private final List<String> asked = new ArrayList<>();

    private Describer describer(Map<String, List<JsonNode>> answers) {
        return new Describer(path -> {
            asked.add(path);
            return answers.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(List.of());
        }, NOW);
    }

    @Test
    void aPendingPodExplainsWhyTheSchedulerCouldNotPlaceItAndEndsWithItsEvents() {
        JsonNode pod = Json.parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"big","namespace":"default","uid":"u1",
                  "labels":{"app":"big","tier":"batch"},"creationTimestamp":"2026-11-27T20:00:00Z",
                  "annotations":{"scheduler.wharf.dev/unschedulable-nodes":"node-1: Insufficient cpu\\nnode-2: Insufficient cpu\\nnode-3: node(s) were unschedulable"}},
                 "spec":{"containers":[{"name":"main","image":"busybox:1.36","resources":{"requests":{"cpu":"64"}}}]},
                 "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable",
                   "message":"0/3 nodes are available: 3 Insufficient cpu."}]}}
                """);
        JsonNode event = Json.parse("""
                {"type":"Warning","reason":"FailedScheduling","message":"0/3 nodes are available: 3 Insufficient cpu.",
                 "count":4,"firstTimestamp":"2026-11-27T20:00:00Z","lastTimestamp":"2026-11-27T20:08:00Z",
                 "source":{"component":"wharf-scheduler"},
                 "involvedObject":{"kind":"Pod","name":"big","namespace":"default"}}
                """);
        JsonNode otherPodsEvent = Json.parse("""
                {"type":"Normal","reason":"Scheduled","involvedObject":{"kind":"Pod","name":"small"}}
                """);

        String text = describer(Map.of("/api/v1/namespaces/default/events", List.of(event, otherPodsEvent))).describe(pod);

        assertThat(text).startsWith("Name:").contains("Namespace:          default\n")
                .contains("Labels:             app=big\n                    tier=batch\n")
                .contains("Status:             Pending")
                .containsPattern("Not Scheduled:\\s+Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.")
                .containsPattern("Why Not Each Node:\\n\\s+node-1: Insufficient cpu\\n\\s+node-2: Insufficient cpu\\n\\s+node-3: node\\(s\\) were unschedulable")
                .containsPattern("\n  main:\n    Image:\\s+busybox:1.36\n")
                .doesNotContain("small");
        List<String> lines = text.lines().toList();
        assertThat(lines.get(lines.size() - 4)).isEqualTo("Events:");
        assertThat(lines.get(lines.size() - 3)).matches("  Type\\s+Reason\\s+Age\\s+From\\s+Message");
        assertThat(lines.get(lines.size() - 1)).matches(
                "  Warning\\s+FailedScheduling\\s+2m \\(x4 over 10m\\)\\s+wharf-scheduler\\s+0/3 nodes are available: 3 Insufficient cpu\\.");
        assertThat(asked).contains("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dbig%2CinvolvedObject.namespace%3Ddefault");
    }

    @Test
    void aDeploymentShowsReplicasStrategyTemplateAndItsReplicaSets() {
        JsonNode deployment = Json.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop","uid":"d1",
                  "annotations":{"deployment.kubernetes.io/revision":"2"}},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                   "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
                   "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.25",
                     "ports":[{"containerPort":80}],"env":[{"name":"MODE","value":"prod"}]}]}}},
                 "status":{"replicas":3,"updatedReplicas":3,"availableReplicas":2,"unavailableReplicas":1,
                   "conditions":[{"type":"Available","status":"False","reason":"MinimumReplicasUnavailable"}]}}
                """);
        JsonNode current = Json.parse("""
                {"metadata":{"name":"web-7c9f","ownerReferences":[{"uid":"d1"}],"annotations":{"deployment.kubernetes.io/revision":"2"}},
                 "spec":{"replicas":3},"status":{"replicas":3}}
                """);
        JsonNode old = Json.parse("""
                {"metadata":{"name":"web-5d4b","ownerReferences":[{"uid":"d1"}],"annotations":{"deployment.kubernetes.io/revision":"1"}},
                 "spec":{"replicas":0},"status":{"replicas":0}}
                """);

        String text = describer(Map.of("/apis/apps/v1/namespaces/shop/replicasets", List.of(current, old))).describe(deployment);

        assertThat(text).contains("Selector:               app=web")
                .contains("Replicas:               3 desired | 3 updated | 3 total | 2 available | 1 unavailable")
                .contains("RollingUpdateStrategy:  25% max unavailable, 25% max surge")
                .contains("Pod Template:\n  Labels:  app=web\n  Containers:\n    web:\n      Image:        nginx:1.25\n")
                .contains("Port:         80/TCP")
                .contains("Environment:  MODE=prod")
                .containsPattern("Available\\s+False\\s+MinimumReplicasUnavailable")
                .containsPattern("OldReplicaSets:\\s+<none>\nNewReplicaSet:\\s+web-7c9f \\(3/3 replicas created\\)\n")
                .containsPattern("\nEvents:\\s+<none>\n$");
    }

    @Test
    void aServiceListsPortsAndEndpoints() {
        JsonNode service = Json.parse("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},
                 "spec":{"type":"ClusterIP","clusterIP":"100.64.0.10","selector":{"app":"web"},"sessionAffinity":"None",
                   "ports":[{"name":"http","port":80,"targetPort":8080,"protocol":"TCP"}]}}
                """);
        JsonNode endpoints = Json.parse("""
                {"metadata":{"name":"web"},"subsets":[{"addresses":[{"ip":"100.96.0.5"},{"ip":"100.96.1.7"}],"ports":[{"port":8080}]}]}
                """);

        String text = describer(Map.of("/api/v1/namespaces/default/endpoints", List.of(endpoints))).describe(service);

        assertThat(text).containsPattern("\nType:\\s+ClusterIP\n").containsPattern("\nIP:\\s+100.64.0.10\n")
                .containsPattern("\nPort:\\s+http  80/TCP\n").containsPattern("\nTargetPort:\\s+8080/TCP\n")
                .containsPattern("\nEndpoints:\\s+100.96.0.5:8080,100.96.1.7:8080\n");
    }

    @Test
    void otherKindsShowTheirSectionsAsYaml() {
        JsonNode configMap = Json.parse("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"default"},"data":{"color":"blue"}}
                """);

        String text = describer(Map.of()).describe(configMap);

        assertThat(text).contains("Data:\n  color: blue\n").contains("Annotations:        <none>");
    }

    @Test
    void aNodeShowsConditionsCapacityAndItsPods() {
        JsonNode node = Json.parse("""
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-a","labels":{"topology.kubernetes.io/zone":"a"}},
                 "spec":{"podCIDR":"100.96.0.0/24","taints":[{"key":"dedicated","value":"gpu","effect":"NoSchedule"}]},
                 "status":{"conditions":[{"type":"Ready","status":"True","reason":"AgentReady","message":"agent is posting status"}],
                   "addresses":[{"type":"InternalIP","address":"127.0.0.2"}],"capacity":{"cpu":"2","memory":"24Gi"},
                   "nodeInfo":{"operatingSystem":"linux","architecture":"amd64"}}}
                """);
        JsonNode pod = Json.parse("""
                {"metadata":{"name":"web-1","namespace":"default","creationTimestamp":"2026-11-27T20:05:00Z"},"spec":{"nodeName":"node-a"}}
                """);

        String text = describer(Map.of("/api/v1/pods", List.of(pod))).describe(node);

        assertThat(text).doesNotContain("Namespace:").containsPattern("Taints:\\s+dedicated=gpu:NoSchedule")
                .containsPattern("Ready\\s+True\\s+AgentReady\\s+agent is posting status")
                .containsPattern("InternalIP:\\s+127.0.0.2").containsPattern("cpu:\\s+2")
                .contains("Non-terminated Pods:  (1 in total)").containsPattern("default\\s+web-1\\s+5m");
        assertThat(asked).contains("/api/v1/events?fieldSelector=involvedObject.name%3Dnode-a%2CinvolvedObject.kind%3DNode");
    }

    @Test
    void aNamespaceShowsItsPhase() {
        String text = describer(Map.of()).describe(Json.parse("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"},"status":{"phase":"Terminating"}}
                """));

        assertThat(text).containsPattern("Status:\\s+Terminating");
    }
}
