package dev.wharf.agent.pods;

import dev.wharf.agent.env.EnvResolver;
import dev.wharf.spi.runtime.ContainerSpec;
import dev.wharf.spi.runtime.Mount;
import dev.wharf.spi.runtime.Resources;
import dev.wharf.spi.runtime.Security;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a Kubernetes container into the runtime's {@link ContainerSpec}: argv, env, mounts, limits, security. */
final class ContainerSpecs {
    static final String LABEL_POD_UID = "wharf.dev/pod-uid";
    static final String LABEL_POD = "wharf.dev/pod";
    static final String LABEL_NAMESPACE = "wharf.dev/namespace";
    static final String LABEL_CONTAINER = "wharf.dev/container";
    static final String LABEL_INIT = "wharf.dev/init";

    private ContainerSpecs() {
    }

    static ContainerSpec build(Pod pod, Container c, ContainerRun run, Map<String, String> env, List<Mount> mounts,
                               Path logPath) {
        var meta = pod.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_POD_UID, meta.getUid());
        labels.put(LABEL_POD, meta.getName());
        labels.put(LABEL_NAMESPACE, meta.getNamespace());
        labels.put(LABEL_CONTAINER, c.getName());
        labels.put(LABEL_INIT, Boolean.toString(run.init));
        ContainerSpec.Builder b = ContainerSpec.builder(meta.getUid(), c.getName(), run.rootfs)
                .pod(meta.getNamespace(), meta.getName())
                .command(EnvResolver.expandAll(c.getCommand(), env).toArray(String[]::new))
                .args(EnvResolver.expandAll(c.getArgs(), env).toArray(String[]::new))
                .workingDir(c.getWorkingDir() == null ? "" : c.getWorkingDir())
                .resources(resources(c)).security(security(pod.getSpec().getSecurityContext(), c.getSecurityContext()))
                .logPath(logPath).restartCount(run.restartCount).labels(labels);
        env.forEach(b::env);
        mounts.forEach(b::mount);
        return b.build();
    }

    static Resources resources(Container c) {
        if (c.getResources() == null) {
            return Resources.NONE;
        }
        Map<String, Quantity> limits = c.getResources().getLimits() == null ? Map.of() : c.getResources().getLimits();
        Map<String, Quantity> requests = c.getResources().getRequests() == null ? Map.of() : c.getResources().getRequests();
        long cpuLimit = millis(limits.get("cpu"));
        long cpuRequest = requests.containsKey("cpu") ? millis(requests.get("cpu")) : cpuLimit;
        long memory = limits.containsKey("memory") ? Quantity.getAmountInBytes(limits.get("memory")).longValue() : 0;
        return new Resources(cpuLimit, cpuRequest > 0 ? Resources.sharesForRequestMillis(cpuRequest) : 0, memory, 0);
    }

    private static long millis(Quantity q) {
        return q == null ? 0 : Quantity.getAmountInBytes(q).multiply(BigDecimal.valueOf(1000)).longValue();
    }

    static Security security(PodSecurityContext pod, SecurityContext c) {
        Long user = c != null && c.getRunAsUser() != null ? c.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
        Long group = c != null && c.getRunAsGroup() != null ? c.getRunAsGroup() : pod == null ? null : pod.getRunAsGroup();
        if (c == null) {
            return new Security(user, group, false, List.of(), List.of(), false);
        }
        if (Boolean.TRUE.equals(c.getPrivileged())) {
            throw new ConfigException("privileged containers are not supported by this node");
        }
        List<String> add = c.getCapabilities() == null || c.getCapabilities().getAdd() == null ? List.of() : c.getCapabilities().getAdd();
        List<String> drop = c.getCapabilities() == null || c.getCapabilities().getDrop() == null ? List.of() : c.getCapabilities().getDrop();
        return new Security(user, group, Boolean.TRUE.equals(c.getReadOnlyRootFilesystem()), add, drop, false);
    }
}
