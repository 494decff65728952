/**
 * The EndpointSlice controller (discovery.k8s.io/v1), the source the gateway and DNS read: slices of at most 100
 * endpoints per port set, owned by their Service, rewritten only when their content changes.
 */
package dev.wharf.controllers.endpointslice;
