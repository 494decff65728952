package dev.wharf.api.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wharf.api.ApiException;
import dev.wharf.common.Json;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2beta2Autoscaling;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Decodes Kubernetes protobuf request bodies ({@code application/vnd.kubernetes.protobuf}) into JSON objects. */
public final class ProtobufCodec {
    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    private static final Map<String, Descriptor> BY_NAME = index(List.of(V1.getDescriptor(), V1Apps.getDescriptor(),
            V1Batch.getDescriptor(), V1Networking.getDescriptor(), V1Autoscaling.getDescriptor(), V1Policy.getDescriptor(),
            V1Rbac.getDescriptor(), V1Scheduling.getDescriptor(), V1Storage.getDescriptor()));
    /** autoscaling/v2 has no generated classes here; its messages are those of v2beta2. */
    private static final Map<String, String> PACKAGE_ALIASES = Map.of("k8s.io.api.autoscaling.v2", "k8s.io.api.autoscaling.v2beta2");
    private static final Map<String, Descriptor> ALIASED = index(List.of(V2beta2Autoscaling.getDescriptor()));

    private ProtobufCodec() {
    }

    /**
     * Decodes a body with the {@code k8s\0} envelope (runtime.Unknown: TypeMeta, raw object bytes) into the
     * object's JSON form, with apiVersion and kind set. Throws ApiException 400 on malformed input and 415 for a
     * kind it cannot decode.
     */
    public static ObjectNode decode(byte[] body) {
        if (body == null || body.length < MAGIC.length || !startsWithMagic(body)) {
            throw ApiException.badRequest("the protobuf body does not start with the Kubernetes envelope (k8s\\0)");
        }
        Runtime.Unknown unknown;
        try {
            unknown = Runtime.Unknown.parseFrom(java.util.Arrays.copyOfRange(body, MAGIC.length, body.length));
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("malformed protobuf envelope: " + e.getMessage());
        }
        String apiVersion = unknown.getTypeMeta().getApiVersion();
        String kind = unknown.getTypeMeta().getKind();
        if (!unknown.getContentEncoding().isEmpty()) {
            throw ApiException.of(415, "UnsupportedMediaType", "unsupported protobuf content encoding \"" + unknown.getContentEncoding() + "\"");
        }
        Descriptor descriptor = descriptor(apiVersion, kind);
        if (descriptor == null) {
            throw ApiException.of(415, "UnsupportedMediaType", "no protobuf decoding for " + apiVersion + ", Kind=" + kind
                    + ": send application/json");
        }
        DynamicMessage message;
        try {
            message = DynamicMessage.parseFrom(descriptor, unknown.getRaw());
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("malformed protobuf " + kind + ": " + e.getMessage());
        }
        ObjectNode out = Json.object();
        out.put("apiVersion", apiVersion);
        out.put("kind", kind);
        out.setAll(ProtoJson.message(message));
        return out;
    }

    /** The message type for an apiVersion and kind, or null. */
    static Descriptor descriptor(String apiVersion, String kind) {
        if (apiVersion == null || apiVersion.isEmpty() || kind == null || kind.isEmpty()) {
            return null;
        }
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "core" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        int dot = group.indexOf('.');
        String pkg = "k8s.io.api." + (dot < 0 ? group : group.substring(0, dot)) + "." + version;
        Descriptor d = BY_NAME.get(pkg + "." + kind);
        if (d == null && PACKAGE_ALIASES.containsKey(pkg)) {
            d = ALIASED.get(PACKAGE_ALIASES.get(pkg) + "." + kind);
        }
        return d;
    }

    private static boolean startsWithMagic(byte[] body) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (body[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Descriptor> index(List<FileDescriptor> files) {
        Map<String, Descriptor> map = new HashMap<>();
        for (FileDescriptor f : files) {
            for (Descriptor d : f.getMessageTypes()) {
                map.put(d.getFullName(), d);
            }
        }
        return Map.copyOf(map);
    }
}
