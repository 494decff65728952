/**
 * The Endpoints controller and what it shares with the EndpointSlice controller: {@link
 * dev.wharf.controllers.endpoints.Backends} decides which pods back a Service (selector match, pod IP, not
 * finished) and resolves each Service port for each pod (numeric or named targetPort); {@link
 * dev.wharf.controllers.endpoints.ServiceTriggers} turns pod, node and Service changes into Service keys. Services
 * without a selector are the user's: their Endpoints are never written.
 */
package dev.wharf.controllers.endpoints;
