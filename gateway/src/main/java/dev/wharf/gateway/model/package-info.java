/**
 * The gateway's input: immutable records that say which addresses to bind and where their traffic goes. They know
 * nothing of Kubernetes; {@code dev.wharf.gateway.k8s} translates Services, EndpointSlices and Ingresses into them.
 */
package dev.wharf.gateway.model;
