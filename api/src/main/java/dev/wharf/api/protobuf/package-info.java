/**
 * Decoding of {@code application/vnd.kubernetes.protobuf} request bodies, which kubectl 1.32 sends for
 * {@code create namespace|configmap|secret|deployment|service|job} and cannot be told not to. The envelope is
 * {@code k8s\0} + runtime.Unknown; the raw object is parsed with the message descriptors generated in
 * {@code io.kubernetes:client-java-proto} (as a DynamicMessage) and written as Kubernetes JSON by
 * {@link dev.wharf.api.protobuf.ProtoJson}, which knows Kubernetes' special types (Time, MicroTime, Duration, Quantity,
 * IntOrString, RawExtension, FieldsV1) and Go's omitempty rules. protobuf-java arrives with client-java-proto
 * (4.31.x); no version of its own is pinned here.
 */
package dev.wharf.api.protobuf;
