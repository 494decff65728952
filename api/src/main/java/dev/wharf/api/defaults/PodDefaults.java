package dev.wharf.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_Container and friends (core/v1). */
final class PodDefaults {
    private static final List<String> VOLUME_SOURCES = List.of("hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore",
            "gitRepo", "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs",
            "flocker", "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk",
            "projected", "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image");

    private PodDefaults() {
    }

    /** A Pod: the spec defaults plus what only Pods get (enableServiceLinks, requests copied from limits). */
    static void pod(ObjectNode pod) {
        ObjectNode spec = Nodes.object(pod, "spec");
        podSpec(spec);
        Nodes.setIfAbsent(spec, "enableServiceLinks", true);
        for (String list : List.of("containers", "initContainers")) {
            for (ObjectNode c : Nodes.objects(spec, list)) {
                requestsFromLimits(c);
            }
        }
    }

    static void podSpec(ObjectNode spec) {
        Nodes.setIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        Nodes.setIfAbsent(spec, "restartPolicy", "Always");
        Nodes.setIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        Nodes.setIfAbsent(spec, "schedulerName", "default-scheduler");
        Nodes.object(spec, "securityContext");
        for (String list : List.of("containers", "initContainers")) {
            for (ObjectNode c : Nodes.objects(spec, list)) {
                container(c);
            }
        }
        for (ObjectNode v : Nodes.objects(spec, "volumes")) {
            volume(v);
        }
    }

    static void container(ObjectNode c) {
        Nodes.setIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
        Nodes.setIfAbsent(c, "terminationMessagePolicy", "File");
        Nodes.setIfAbsent(c, "imagePullPolicy", pullPolicy(c.path("image").asText("")));
        Nodes.object(c, "resources");
        for (ObjectNode p : Nodes.objects(c, "ports")) {
            Nodes.setIfAbsent(p, "protocol", "TCP");
        }
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            if (c.get(probe) instanceof ObjectNode p) {
                probe(p);
            }
        }
        if (c.get("lifecycle") instanceof ObjectNode lifecycle) {
            for (String hook : List.of("postStart", "preStop")) {
                if (lifecycle.get(hook) instanceof ObjectNode h) {
                    handler(h);
                }
            }
        }
        for (ObjectNode env : Nodes.objects(c, "env")) {
            if (env.path("valueFrom").get("fieldRef") instanceof ObjectNode fieldRef) {
                Nodes.setIfAbsent(fieldRef, "apiVersion", "v1");
            }
        }
    }

    /** "Always" for ":latest" or no tag (and no digest), else "IfNotPresent" (parsers.ParseImageName). */
    static String pullPolicy(String image) {
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        String tag = colon > slash ? image.substring(colon + 1) : "latest";
        return tag.equals("latest") ? "Always" : "IfNotPresent";
    }

    private static void probe(ObjectNode p) {
        Nodes.setIfAbsent(p, "timeoutSeconds", 1);
        Nodes.setIfAbsent(p, "periodSeconds", 10);
        Nodes.setIfAbsent(p, "successThreshold", 1);
        Nodes.setIfAbsent(p, "failureThreshold", 3);
        handler(p);
    }

    private static void handler(ObjectNode h) {
        if (h.get("httpGet") instanceof ObjectNode get) {
            Nodes.setIfAbsent(get, "path", "/");
            Nodes.setIfAbsent(get, "scheme", "HTTP");
        }
        if (h.get("grpc") instanceof ObjectNode grpc) {
            Nodes.setIfAbsent(grpc, "service", "");
        }
    }

    private static void volume(ObjectNode v) {
        boolean hasSource = false;
        for (String s : VOLUME_SOURCES) {
            if (v.hasNonNull(s)) {
                hasSource = true;
            }
        }
        if (!hasSource) {
            v.putObject("emptyDir");
        }
        for (String s : List.of("secret", "configMap", "downwardAPI", "projected")) {
            if (v.get(s) instanceof ObjectNode src) {
                Nodes.setIfAbsent(src, "defaultMode", 420);
            }
        }
    }

    private static void requestsFromLimits(ObjectNode c) {
        JsonNode limits = c.path("resources").path("limits");
        if (!limits.isObject() || limits.isEmpty()) {
            return;
        }
        ObjectNode requests = Nodes.object(Nodes.object(c, "resources"), "requests");
        for (Iterator<Map.Entry<String, JsonNode>> it = limits.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!requests.has(e.getKey())) {
                requests.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
