/**
 * The patch formats of the Kubernetes API and server-side apply, over Jackson trees.
 *
 * <p>{@link dev.wharf.api.patch.Patches}: RFC 6902 JSON patch, RFC 7386 merge patch and strategic merge patch
 * (driven by the merge keys and strategies of {@link dev.wharf.api.schema.TypeModel}, with the directives kubectl
 * sends). {@link dev.wharf.api.patch.ServerSideApply}: field ownership in {@code metadata.managedFields} (FieldsV1),
 * apply with conflicts and force, removal of fields a manager stops applying, and ownership for plain updates.
 * Simplifications against upstream structured-merge-diff: keyed list elements are identified by the patch merge
 * key alone ({@code k:{"containerPort":80}}, upstream also adds {@code protocol}); defaults are not applied to the
 * configuration before its field set is computed; managedFields are not bucketed by age.
 */
package dev.wharf.api.patch;
