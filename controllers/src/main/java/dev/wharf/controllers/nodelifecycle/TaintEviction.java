package dev.wharf.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The taint manager's rule: when must a pod on a node with NoExecute taints go? A taint the pod does not tolerate
 * evicts it at once - after {@code defaultDelay} for the not-ready/unreachable taints, standing in for upstream's
 * DefaultTolerationSeconds admission. Tolerated taints evict it at the earliest {@code timeAdded +
 * tolerationSeconds} of the tolerations used; tolerations without tolerationSeconds keep it forever.
 */
final class TaintEviction {
    private TaintEviction() {
    }

    /**
     * When to delete the pod, or null never.
     *
     * @param added when each taint was added (its timeAdded, or when this controller first saw it)
     */
    static Instant evictAt(Pod pod, List<Taint> taints, Function<Taint, Instant> added, Duration defaultDelay) {
        Instant at = null;
        List<Toleration> tolerations = pod.getSpec() == null || pod.getSpec().getTolerations() == null
                ? List.of() : pod.getSpec().getTolerations();
        for (Taint taint : taints) {
            if (!NodeTaints.NO_EXECUTE.equals(taint.getEffect())) {
                continue;
            }
            Instant since = added.apply(taint);
            Instant when = null;
            boolean tolerated = false;
            boolean forever = false;
            for (Toleration t : tolerations) {
                if (dev.wharf.scheduler.model.Toleration.of(t).tolerates(dev.wharf.scheduler.model.Taint.of(taint))) {
                    tolerated = true;
                    if (t.getTolerationSeconds() == null) {
                        forever = true;
                    } else {
                        Instant limit = since.plusSeconds(Math.max(0, t.getTolerationSeconds()));
                        when = when == null || limit.isBefore(when) ? limit : when;
                    }
                }
            }
            if (!tolerated) {
                boolean nodeHealth = NodeTaints.NOT_READY.equals(taint.getKey()) || NodeTaints.UNREACHABLE.equals(taint.getKey());
                when = nodeHealth ? since.plus(defaultDelay) : since;
            } else if (forever && when == null) {
                continue;
            }
            at = at == null || when.isBefore(at) ? when : at;
        }
        return at;
    }
}
