/**
 * Validation as kube-apiserver does it (pkg/apis/{core,apps,...}/validation): {@link dev.wharf.api.validation.Validation}
 * dispatches per kind to small validators that append to {@link dev.wharf.api.validation.Causes}, the equivalent of
 * Kubernetes' {@code field.ErrorList}. Each cause carries the field path ({@code spec.template.spec.containers[0].image}),
 * the reason ({@code FieldValueRequired}...) and Kubernetes' own wording, including its quirks (RegexError's double
 * space before "or", Go's {@code %#v} rendering of maps and label selectors), so that kubectl users see the messages
 * they know. {@link dev.wharf.api.validation.Names} holds the name and value rules; {@link dev.wharf.api.validation.Quantities}
 * parses resource quantities. Objects are validated after defaulting, as Jackson trees; nothing here does I/O.
 */
package dev.wharf.api.validation;
