package dev.wharf.controllers.scheduling;

import dev.wharf.controller.runtime.informer.Cache;
import dev.wharf.controller.runtime.informer.EventHandler;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Objects;

/**
 * What the informers tell the scheduling loop. Pending pods are queued when added, and again when their spec or
 * labels change (not on status writes, so that the loop's own PodScheduled condition does not retry them).
 * Bound pods only mark the cache. Unschedulable pods move back to the queue when a node is added or changes in
 * what the scheduler reads (not on heartbeats), when a bound pod is deleted, finishes or changes labels, and -
 * for pods waiting on required pod affinity - when a pod is bound.
 */
final class SchedulingHandlers {
    private final SchedulingController loop;
    private final SchedulerCache cache;
    private final UnschedulablePods unschedulable;

    SchedulingHandlers(SchedulingController loop, SchedulerCache cache, UnschedulablePods unschedulable) {
        this.loop = loop;
        this.cache = cache;
        this.unschedulable = unschedulable;
    }

    EventHandler<Pod> pods() {
        return new EventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (loop.needsScheduling(pod)) {
                    loop.enqueue(pod);
                } else if (SchedulerCache.boundNode(pod) != null) {
                    cache.podChanged(Cache.keyOf(pod));
                    unschedulable.moveAffinityWaiters();
                }
            }

            @Override
            public void onUpdate(Pod old, Pod now) {
                String key = Cache.keyOf(now);
                boolean wasBound = SchedulerCache.boundNode(old) != null;
                boolean bound = SchedulerCache.boundNode(now) != null;
                if (wasBound || bound || cache.isAssumed(key, now.getMetadata().getUid())) {
                    cache.podChanged(key);
                }
                if (wasBound && bound && (SchedulerCache.isActive(old) && !SchedulerCache.isActive(now)
                        || !Objects.equals(old.getMetadata().getLabels(), now.getMetadata().getLabels()))) {
                    unschedulable.moveAll();
                } else if (!wasBound && bound) {
                    unschedulable.moveAffinityWaiters();
                }
                if (loop.needsScheduling(now) && (!loop.needsScheduling(old)
                        || !Objects.equals(old.getSpec(), now.getSpec())
                        || !Objects.equals(old.getMetadata().getLabels(), now.getMetadata().getLabels()))) {
                    unschedulable.remove(key);
                    loop.enqueue(now);
                }
            }

            @Override
            public void onDelete(Pod last) {
                String key = Cache.keyOf(last);
                cache.podChanged(key);
                unschedulable.remove(key);
                if (SchedulerCache.boundNode(last) != null) {
                    unschedulable.moveAll();
                }
            }
        };
    }

    EventHandler<Node> nodes() {
        return new EventHandler<>() {
            @Override
            public void onAdd(Node node) {
                cache.nodesChanged();
                unschedulable.moveAll();
            }

            @Override
            public void onUpdate(Node old, Node now) {
                if (schedulingRelevant(old, now)) {
                    cache.nodesChanged();
                    unschedulable.moveAll();
                }
            }

            @Override
            public void onDelete(Node last) {
                cache.nodesChanged();
            }
        };
    }

    /** What the plugins read of a node: labels, spec (taints, unschedulable), allocatable, images, deletion. */
    static boolean schedulingRelevant(Node old, Node now) {
        if (!Objects.equals(old.getMetadata().getLabels(), now.getMetadata().getLabels())
                || !Objects.equals(old.getSpec(), now.getSpec())
                || !Objects.equals(old.getMetadata().getDeletionTimestamp(), now.getMetadata().getDeletionTimestamp())) {
            return true;
        }
        if (old.getStatus() == null || now.getStatus() == null) {
            return old.getStatus() != now.getStatus();
        }
        return !Objects.equals(old.getStatus().getAllocatable(), now.getStatus().getAllocatable())
                || !Objects.equals(old.getStatus().getImages(), now.getStatus().getImages());
    }
}
