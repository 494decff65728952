/**
 * Server-side printing (kube-apiserver's pkg/printers/internalversion): {@link dev.wharf.api.table.Tables} builds a
 * meta.k8s.io/v1 Table with one {@link dev.wharf.api.table.Printer} per kind (columns with priority 1 appear only with
 * {@code -o wide}; the server always sends them). Rows carry PartialObjectMetadata, the full object or nothing per
 * {@code includeObject}. Ages follow kubectl's HumanDuration ({@link dev.wharf.api.table.Ages}); {@code now} is passed
 * in. Kinds without a printer get Kubernetes' default Name and Created At columns.
 */
package dev.wharf.api.table;
