package dev.wharf.api.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.wharf.common.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Turns a Kubernetes protobuf message into the JSON Kubernetes would write for the same Go object.
 *
 * <p>Go's protobuf writer sends every non-pointer field, empty or not, while its JSON writer omits empty values
 * ({@code omitempty}). So an empty string, zero or false that arrived on the wire is dropped, except for fields that
 * are pointers in Go, where zero is a real value ({@code replicas: 0}); those are listed in {@link #KEEP_ZERO} (by name,
 * outside *Status messages, whose counters are plain values). Present
 * messages are written even when empty ({@code "strategy": {}}), as Go writes structs.
 */
final class ProtoJson {
    static final Set<String> KEEP_ZERO = Set.of("replicas", "parallelism", "completions", "backoffLimit", "backoffLimitPerIndex",
            "maxFailedIndexes", "activeDeadlineSeconds", "ttlSecondsAfterFinished", "suspend", "manualSelector",
            "terminationGracePeriodSeconds", "revisionHistoryLimit", "progressDeadlineSeconds", "automountServiceAccountToken",
            "enableServiceLinks", "shareProcessNamespace", "hostUsers", "immutable", "runAsUser", "runAsGroup", "runAsNonRoot",
            "privileged", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "fsGroup", "minReplicas", "defaultMode", "mode",
            "optional", "deletionGracePeriodSeconds", "startingDeadlineSeconds", "successfulJobsHistoryLimit",
            "failedJobsHistoryLimit", "allocateLoadBalancerNodePorts", "storageClassName", "ingressClassName", "pathType",
            "priority", "setHostnameAsFQDN", "expirationSeconds", "stabilizationWindowSeconds", "controller",
            "blockOwnerDeletion", "ready", "serving", "terminating", "podManagementPolicy", "minAvailable", "maxUnavailable",
            "maxSurge", "started");
    /** Go structs embedded with {@code json:",inline"}: their fields appear in the parent's JSON object. */
    static final Set<String> INLINE = Set.of("Volume.volumeSource", "Probe.handler", "IngressRule.ingressRuleValue",
            "EphemeralContainer.ephemeralContainerCommon", "PersistentVolumeSpec.persistentVolumeSource",
            "ConfigMapEnvSource.localObjectReference", "ConfigMapKeySelector.localObjectReference",
            "ConfigMapProjection.localObjectReference", "ConfigMapVolumeSource.localObjectReference",
            "SecretEnvSource.localObjectReference", "SecretKeySelector.localObjectReference",
            "SecretProjection.localObjectReference");
    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProtoJson() {
    }

    static ObjectNode message(Message m) {
        ObjectNode out = Json.object();
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (f.isRepeated()) {
                List<?> values = (List<?>) m.getField(f);
                if (values.isEmpty()) {
                    continue;
                }
                if (f.isMapField()) {
                    out.set(f.getName(), map(f, values));
                } else {
                    ArrayNode arr = out.putArray(f.getName());
                    for (Object v : values) {
                        arr.add(value(f, v, true));
                    }
                }
            } else if (m.hasField(f) && INLINE.contains(m.getDescriptorForType().getName() + "." + f.getName())) {
                out.setAll(message((Message) m.getField(f)));
            } else if (m.hasField(f)) {
                boolean keepZero = KEEP_ZERO.contains(f.getName()) && !m.getDescriptorForType().getName().endsWith("Status");
                JsonNode v = value(f, m.getField(f), keepZero);
                if (v != null) {
                    out.set(f.getName(), v);
                }
            }
        }
        return out;
    }

    private static ObjectNode map(FieldDescriptor f, List<?> entries) {
        ObjectNode out = Json.object();
        Descriptor entry = f.getMessageType();
        FieldDescriptor key = entry.findFieldByNumber(1);
        FieldDescriptor value = entry.findFieldByNumber(2);
        for (Object e : entries) {
            Message m = (Message) e;
            JsonNode v = value(value, m.getField(value), true);
            out.set(String.valueOf(m.getField(key)), v == null ? NODES.nullNode() : v);
        }
        return out;
    }

    /** The JSON for one value; null means "omit". */
    private static JsonNode value(FieldDescriptor f, Object v, boolean keepZero) {
        switch (f.getJavaType()) {
            case STRING -> {
                String s = (String) v;
                return s.isEmpty() && !keepZero ? null : NODES.textNode(s);
            }
            case INT, LONG -> {
                long n = ((Number) v).longValue();
                if (n == 0 && !keepZero) {
                    return null;
                }
                return n == (int) n ? NODES.numberNode((int) n) : NODES.numberNode(n);
            }
            case FLOAT, DOUBLE -> {
                double d = ((Number) v).doubleValue();
                return d == 0 && !keepZero ? null : NODES.numberNode(d);
            }
            case BOOLEAN -> {
                boolean b = (Boolean) v;
                return !b && !keepZero ? null : NODES.booleanNode(b);
            }
            case BYTE_STRING -> {
                ByteString bytes = (ByteString) v;
                return bytes.isEmpty() && !keepZero ? null : NODES.textNode(Base64.getEncoder().encodeToString(bytes.toByteArray()));
            }
            case MESSAGE -> {
                return special((Message) v);
            }
            default -> {
                return NODES.textNode(String.valueOf(v));
            }
        }
    }

    /** Kubernetes' types with their own JSON form (Time, Quantity, IntOrString...), else a plain object. */
    private static JsonNode special(Message m) {
        Descriptor d = m.getDescriptorForType();
        switch (d.getFullName()) {
            case META + "Time" -> {
                long seconds = longField(m, "seconds");
                int nanos = (int) longField(m, "nanos");
                return seconds == 0 && nanos == 0 ? null : NODES.textNode(Instant.ofEpochSecond(seconds).toString());
            }
            case META + "MicroTime" -> {
                long seconds = longField(m, "seconds");
                int nanos = (int) longField(m, "nanos");
                return seconds == 0 && nanos == 0 ? null : NODES.textNode(MICRO.format(Instant.ofEpochSecond(seconds, nanos)));
            }
            case META + "Duration" -> {
                return NODES.textNode(GoDuration.format(longField(m, "duration")));
            }
            case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
                return NODES.textNode(String.valueOf(m.getField(d.findFieldByName("string"))));
            }
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> {
                return longField(m, "type") == 1 ? NODES.textNode(String.valueOf(m.getField(d.findFieldByName("strVal"))))
                        : NODES.numberNode((int) longField(m, "intVal"));
            }
            case "k8s.io.apimachinery.pkg.runtime.RawExtension", META + "FieldsV1" -> {
                FieldDescriptor raw = d.getFields().get(0);
                ByteString bytes = (ByteString) m.getField(raw);
                if (bytes.isEmpty()) {
                    return null;
                }
                try {
                    return Json.MAPPER.readTree(bytes.toByteArray());
                } catch (IOException e) {
                    return NODES.textNode(Base64.getEncoder().encodeToString(bytes.toByteArray()));
                }
            }
            default -> {
                return message(m);
            }
        }
    }

    private static long longField(Message m, String name) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
        return f == null ? 0 : ((Number) m.getField(f)).longValue();
    }
}
