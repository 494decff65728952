package dev.wharf.agent.pods;

import dev.wharf.spi.runtime.Sandbox;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The agent's memory of one pod (by uid): its sandbox, volumes and containers. Touched only by its worker. */
final class PodState {
    final String uid;
    final String namespace;
    final String name;
    Sandbox sandbox;
    Map<String, Path> volumes;
    final Map<String, ContainerRun> containers = new LinkedHashMap<>();
    String startTime;
    /** Set once the pod's containers were stopped for deletion. */
    boolean killed;

    PodState(String uid, String namespace, String name) {
        this.uid = uid;
        this.namespace = namespace;
        this.name = name;
    }

    ContainerRun container(String name, boolean init) {
        return containers.computeIfAbsent(name, n -> new ContainerRun(n, init));
    }
}
