package dev.wharf.controllers.scheduling;

import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.events.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Events from concurrent bindings: {@link EventRecorder} holds its lock during its API call, so one recorder
 * would serialize the binding pool. Objects are spread over several recorders by key; the same object always
 * goes to the same recorder, so repeated events (FailedScheduling) are still counted on one Event.
 */
final class StripedRecorder {
    private final EventRecorder[] stripes;

    StripedRecorder(ApiClient api, Clock clock, String component, int stripes) {
        this.stripes = new EventRecorder[Math.max(1, stripes)];
        for (int i = 0; i < this.stripes.length; i++) {
            this.stripes[i] = new EventRecorder(api, clock, component);
        }
    }

    void normal(HasMetadata object, String reason, String message) {
        of(object).normal(object, reason, message);
    }

    void warning(HasMetadata object, String reason, String message) {
        of(object).warning(object, reason, message);
    }

    private EventRecorder of(HasMetadata o) {
        int h = (o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()).hashCode();
        return stripes[Math.floorMod(h, stripes.length)];
    }
}
