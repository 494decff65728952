package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import java.io.IOException;
import java.io.InputStream;

/** Where pods/log reads from; the server wires the node agents' logs in later. */
public interface PodLogSource {

    /**
     * Opens the log of {@code container} of {@code pod}. With {@code follow} the stream stays open while the
     * container runs; the caller closes it when the client goes away.
     */
    InputStream open(ObjectNode pod, LogOptions options) throws IOException;

    record LogOptions(String container, boolean follow, Long tailLines, boolean timestamps, Long sinceSeconds,
            boolean previous, Long limitBytes) {
    }

    /** Until logs are wired: 400 as Kubernetes answers for a pod that is not running anywhere. */
    PodLogSource NONE = (pod, options) -> {
        throw ApiException.badRequest("pod \"" + pod.path("metadata").path("name").asText()
                + "\" has no logs yet: it is not running on a node");
    };
}
