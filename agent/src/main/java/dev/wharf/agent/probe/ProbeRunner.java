package dev.wharf.agent.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;

/** Runs one probe (or lifecycle hook action) once. A one-method seam so tests can script outcomes. */
@FunctionalInterface
public interface ProbeRunner {
    /**
     * @param podIp       where httpGet and tcpSocket go (unless the probe names a host)
     * @param containerId the runtime's id, for exec probes
     */
    Outcome run(Probe probe, Container container, String podIp, String containerId);

    /** @param message why it failed, in the kubelet's words (empty on success) */
    record Outcome(boolean success, String message) {
        public static final Outcome OK = new Outcome(true, "");

        public static Outcome failure(String message) {
            return new Outcome(false, message);
        }
    }
}
