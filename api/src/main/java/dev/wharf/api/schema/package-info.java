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
 *
 * <p>{@link dev.wharf.api.schema.OpenApiV2} merges those documents into the Swagger 2.0 document of
 * {@code /openapi/v2} ({@link dev.wharf.api.schema.SwaggerConverter}) and encodes it as the gnostic
 * {@code openapi.v2.Document} protobuf ({@link dev.wharf.api.schema.GnosticEncoder}, field numbers of google/gnostic
 * {@code openapiv2/OpenAPIv2.proto}) that kubectl up to 1.27 and client-go's {@code OpenAPISchema()} fetch before
 * every apply.
 */
package dev.wharf.api.schema;
