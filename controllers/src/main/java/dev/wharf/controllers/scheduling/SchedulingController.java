package dev.wharf.controllers.scheduling;

import dev.wharf.api.ApiException;
import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.Controller;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Reconciler;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.informer.Cache;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.scheduler.Decision;
import dev.wharf.scheduler.Scheduler;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * The scheduler's driver loop (kube-scheduler's scheduleOne), as a one-worker controller of the
 * {@link ControllerManager}: pending pods (no node, this scheduler's name, not deleting, no scheduling gates) are
 * queued by the informers; each is scheduled against the {@link SchedulerCache}'s snapshot, assumed on the chosen
 * node so that the next pod sees it, and bound by a small pool while the loop goes on (Event {@code Scheduled}).
 * A pod that fits nowhere gets Event {@code FailedScheduling} and {@code PodScheduled=False/Unschedulable} with
 * the scheduler's message, may preempt lower-priority pods, and waits in {@link UnschedulablePods} until the
 * cluster changes (or the periodic flush).
 */
public final class SchedulingController implements Reconciler {
    /** The pod annotation listing, node by node, why the pod fits nowhere. */
    public static final String WHY_NOT = "scheduler.wharf.dev/unschedulable-nodes";
    public static final String NAME = "default-scheduler";
    private static final Logger LOG = Logger.getLogger(SchedulingController.class.getName());

    private final ApiClient api;
    private final SchedulingOptions options;
    private final Informer<Pod> pods;
    private final SchedulerCache cache;
    private final Scheduler scheduler;
    private final UnschedulablePods unschedulable;
    private final StripedRecorder events;
    private final PodConditions conditions;
    private final Preempter preempter;
    private final PodBinder binder;
    private final Semaphore bindPermits;
    private final Controller controller;

    public SchedulingController(ControllerManager manager, RandomGenerator random, SchedulingOptions options) {
        this.api = manager.api();
        Clock clock = manager.clock();
        this.options = options;
        this.pods = manager.informer(Pod.class);
        Informer<Node> nodes = manager.informer(Node.class);
        this.cache = new SchedulerCache(nodes.cache(), pods.cache());
        this.scheduler = Scheduler.withDefaults(random);
        this.controller = manager.add(new Controller(NAME, this, clock, 1));
        this.unschedulable = new UnschedulablePods(key -> controller.enqueue(key(key)));
        this.events = new StripedRecorder(api, clock, NAME, options.bindConcurrency());
        this.conditions = new PodConditions(api, clock);
        this.preempter = new Preempter(api, scheduler, pods.cache(), events);
        this.binder = new PodBinder(api);
        this.bindPermits = new Semaphore(options.bindConcurrency());
        SchedulingHandlers handlers = new SchedulingHandlers(this, cache, unschedulable);
        pods.addHandler(handlers.pods());
        nodes.addHandler(handlers.nodes());
    }

    public Controller controller() {
        return controller;
    }

    /** How many pods wait for the cluster to change. */
    public int unschedulableCount() {
        return unschedulable.size();
    }

    /** Whether this loop schedules the pod now: unbound, ours, not deleting, not finished, not gated. */
    boolean needsScheduling(Pod pod) {
        if (pod.getSpec() == null || SchedulerCache.boundNode(pod) != null
                || pod.getMetadata().getDeletionTimestamp() != null || !SchedulerCache.isActive(pod)) {
            return false;
        }
        String name = pod.getSpec().getSchedulerName();
        if (name != null && !name.isEmpty() && !name.equals(options.schedulerName())) {
            return false;
        }
        return pod.getSpec().getSchedulingGates() == null || pod.getSpec().getSchedulingGates().isEmpty();
    }

    void enqueue(Pod pod) {
        controller.enqueue(Key.of(pod));
    }

    @Override
    public Result reconcile(Key key) {
        String podKey = key.cacheKey();
        long cycle = unschedulable.cycle();
        Snapshot snapshot = cache.sync();
        Pod pod = pods.cache().getByKey(podKey);
        if (pod == null || !needsScheduling(pod)) {
            unschedulable.remove(podKey);
            return Result.DONE;
        }
        if (cache.isAssumed(podKey, pod.getMetadata().getUid())) {
            return Result.DONE;
        }
        PodInfo info;
        try {
            info = PodInfo.of(pod);
        } catch (ApiException e) {
            // A spec the scheduler cannot read (a bad selector): only an update of the pod can help.
            unschedulable.remove(podKey);
            failed(pod, e.getMessage());
            return Result.DONE;
        }
        Decision decision = scheduler.schedule(info, snapshot);
        if (decision.scheduled()) {
            unschedulable.remove(podKey);
            cache.assume(pod, info, decision.nodeName());
            bind(pod, decision.nodeName());
            return Result.DONE;
        }
        String message = decision.error().message();
        Optional<String> nominated = preempter.preempt(pod, info, snapshot, decision);
        failed(pod, message);
        explain(pod, decision.error().explanation());
        if (!unschedulable.park(podKey, !info.requiredAffinity().isEmpty(), cycle)) {
            controller.enqueue(key);
            return Result.DONE;
        }
        LOG.log(Level.FINE, () -> podKey + ": " + message + nominated.map(n -> " (nominated " + n + ")").orElse(""));
        return Result.after(options.unschedulableFlush());
    }

    /**
     * Records on the pod, node by node, why it fits nowhere (annotation {@value #WHY_NOT}), for `wharf describe`;
     * written only when the explanation changes.
     */
    private void explain(Pod pod, java.util.List<String> lines) {
        String text = String.join("\n", lines);
        java.util.Map<String, String> annotations = pod.getMetadata().getAnnotations();
        if (text.isEmpty() || annotations != null && text.equals(annotations.get(WHY_NOT))) {
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode patch = dev.wharf.common.Json.object();
        patch.putObject("metadata").putObject("annotations").put(WHY_NOT, text);
        try {
            api.patch(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    dev.wharf.controller.runtime.ApiClient.PatchType.MERGE, dev.wharf.common.Json.string(patch), null);
        } catch (dev.wharf.api.ApiException e) {
            LOG.log(Level.FINE, "cannot record why " + pod.getMetadata().getName() + " is unschedulable: " + e.getMessage());
        }
    }

    private void failed(Pod pod, String message) {
        events.warning(pod, "FailedScheduling", message);
        conditions.unschedulable(pod, message);
    }

    private void bind(Pod pod, String node) {
        bindPermits.acquireUninterruptibly();
        try {
            options.bindExecutor().execute(() -> {
                try {
                    bindNow(pod, node);
                } finally {
                    bindPermits.release();
                }
            });
        } catch (RuntimeException e) {
            bindPermits.release();
            cache.forget(Cache.keyOf(pod));
            controller.queue().addRateLimited(Key.of(pod));
        }
    }

    private void bindNow(Pod pod, String node) {
        String podKey = Cache.keyOf(pod);
        try {
            binder.bind(pod, node);
            controller.queue().forget(Key.of(pod));
            events.normal(pod, "Scheduled", "Successfully assigned " + podKey + " to " + node);
            conditions.scheduled(pod);
        } catch (RuntimeException e) {
            cache.forget(podKey);
            if (!(e instanceof ApiException ae && (ae.code() == 404 || ae.code() == 409))) {
                // (404 or 409: gone, bound by someone else, or being deleted - the informer brings the news.)
                LOG.log(Level.FINE, "binding " + podKey + " to " + node + " failed: " + e.getMessage());
                events.warning(pod, "FailedScheduling", "Binding rejected: " + e.getMessage());
            }
            controller.queue().addRateLimited(Key.of(pod));
        }
    }

    private static Key key(String podKey) {
        int slash = podKey.indexOf('/');
        return Key.of(podKey.substring(0, slash), podKey.substring(slash + 1));
    }
}
