/**
 * Label selectors (the query-string grammar of k8s.io/apimachinery/pkg/labels and the matchLabels/matchExpressions
 * form of manifests) and field selectors with the fields each kind supports (Kubernetes' *ToSelectableFields). Syntax
 * errors and unsupported fields are ApiException 400s with Kubernetes' wording.
 */
package dev.wharf.api.selector;
