package dev.wharf.runtime.support;

import dev.wharf.spi.runtime.ContainerSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a driver persists about a container in its root, enough to report status after a restart. */
public record ContainerRecord(String id, String sandboxId, String podUid, String podName, String namespace, String name,
                              int restartCount, Map<String, String> labels, String logPath, List<String> argv,
                              List<String> env, String workingDir, Instant createdAt, Instant startedAt,
                              String memoryCgroup) {
    public static ContainerRecord of(String id, String sandboxId, ContainerSpec spec, String logPath, List<String> argv,
                                     List<String> env, String workingDir, Instant createdAt) {
        return new ContainerRecord(id, sandboxId, spec.podUid(), spec.podName(), spec.namespace(), spec.name(),
                spec.restartCount(), spec.labels(), logPath, argv, env, workingDir, createdAt, null, null);
    }

    public ContainerRecord started(Instant at) {
        return new ContainerRecord(id, sandboxId, podUid, podName, namespace, name, restartCount, labels, logPath, argv,
                env, workingDir, createdAt, at, memoryCgroup);
    }

    public ContainerRecord withMemoryCgroup(String cgroup) {
        return new ContainerRecord(id, sandboxId, podUid, podName, namespace, name, restartCount, labels, logPath, argv,
                env, workingDir, createdAt, startedAt, cgroup);
    }
}
