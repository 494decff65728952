package dev.wharf.api.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Decodes Kubernetes protobuf request bodies ({@code application/vnd.kubernetes.protobuf}) into JSON objects. */
public final class ProtobufCodec {
    private ProtobufCodec() {
    }

    /**
     * Decodes a body with the {@code k8s\0} envelope (runtime.Unknown: TypeMeta, raw object bytes) into the
     * object's JSON form, with apiVersion and kind set. Throws ApiException 400 on malformed input and 415 for a
     * kind it cannot decode.
     */
    public static ObjectNode decode(byte[] body) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
