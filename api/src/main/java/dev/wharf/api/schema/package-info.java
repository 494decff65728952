/**
 * Schemas of the served kinds and the OpenAPI v3 documents built from them.
 *
 * <p>{@link dev.wharf.api.schema.TypeModel} reads, once, the official Kubernetes Java client's model classes by
 * reflection (gson {@code @SerializedName} for field names, swagger {@code @ApiModelProperty}/{@code @ApiModel} for
 * descriptions and required fields) and names each definition as the Kubernetes API server does
 * ({@code io.k8s.api.apps.v1.Deployment}). The client's classes do not carry patch metadata, so
 * {@link dev.wharf.api.schema.PatchMetadata} keeps the {@code patchStrategy}/{@code patchMergeKey} and
 * {@code listType}/{@code listMapKey} markers of k8s.io/api for the served types. {@link dev.wharf.api.schema.OpenApi}
 * renders complete per-group-version documents: kubectl computes its client-side-apply patches from them (it only
 * falls back to compiled-in types when no schema matches, and a schema without merge keys would make every list
 * atomic), {@code kubectl explain} reads their types and descriptions, and strict field validation walks them.
 */
package dev.wharf.api.schema;
