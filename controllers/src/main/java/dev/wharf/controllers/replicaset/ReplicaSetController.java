package dev.wharf.controllers.replicaset;

import dev.wharf.api.ApiException;
import dev.wharf.common.Clock;
import dev.wharf.common.Json;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.Controller;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Reconciler;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.events.EventRecorder;
import dev.wharf.controller.runtime.informer.Cache;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.controller.runtime.select.Selectors;
import dev.wharf.controllers.support.Claims;
import dev.wharf.controllers.support.Expectations;
import dev.wharf.controllers.support.Meta;
import dev.wharf.controllers.support.Pods;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code spec.replicas} pods of each ReplicaSet: creates them from the template (generateName
 * {@code <rs>-}, controller ownerReference), deletes the surplus (see {@link Victims} for which), and reports
 * replicas / fullyLabeledReplicas / readyReplicas / availableReplicas / observedGeneration. Terminating or
 * finished pods do not count. {@link Expectations} stop it from acting again before its informer has seen its
 * own writes.
 */
public final class ReplicaSetController implements Reconciler {
    public static final String NAME = "replicaset-controller";
    private static final int BURST = 500;

    private final ApiClient api;
    private final Clock clock;
    private final Informer<ReplicaSet> replicaSets;
    private final Informer<Pod> pods;
    private final Informer<Node> nodes;
    private final EventRecorder events;
    private final Expectations expectations;
    private final Controller controller;

    public ReplicaSetController(ControllerManager manager, int workers) {
        this.api = manager.api();
        this.clock = manager.clock();
        this.replicaSets = manager.informer(ReplicaSet.class);
        this.pods = manager.informer(Pod.class);
        this.nodes = manager.informer(Node.class);
        this.events = new EventRecorder(api, clock, NAME);
        this.expectations = new Expectations(clock);
        this.controller = manager.add(new Controller(NAME, this, clock, workers));
        replicaSets.addHandler(EventHandler.any(rs -> controller.enqueue(Key.of(rs))));
        pods.addHandler(new PodHandler());
    }

    public Controller controller() {
        return controller;
    }

    @Override
    public Result reconcile(Key key) {
        ReplicaSet rs = replicaSets.cache().get(key.namespace(), key.name());
        if (rs == null) {
            expectations.forget(key);
            return Result.DONE;
        }
        if (rs.getSpec().getSelector() == null || rs.getSpec().getTemplate() == null) {
            events.warning(rs, "InvalidSelector", "a ReplicaSet needs a selector and a template");
            return Result.DONE;
        }
        List<Pod> owned = new ArrayList<>();
        for (Pod p : Claims.claim(api, rs, "apps/v1", "ReplicaSet", rs.getSpec().getSelector(),
                pods.cache().byNamespace(rs.getMetadata().getNamespace()))) {
            if (Pods.isActive(p)) {
                owned.add(p);
            }
        }
        if (expectations.satisfied(key) && !Meta.isDeleting(rs)) {
            manageReplicas(key, rs, owned);
        }
        return updateStatus(rs, owned);
    }

    private void manageReplicas(Key key, ReplicaSet rs, List<Pod> active) {
        int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        int diff = active.size() - desired;
        if (diff < 0) {
            int n = Math.min(-diff, BURST);
            expectations.expectCreations(key, n);
            for (int i = 0; i < n; i++) {
                try {
                    Pod created = api.create(podFor(rs));
                    events.normal(rs, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
                } catch (ApiException e) {
                    for (int j = i; j < n; j++) {
                        expectations.creationObserved(key);
                    }
                    events.warning(rs, "FailedCreate", "Error creating: " + e.getMessage());
                    throw e;
                }
            }
        } else if (diff > 0) {
            List<Pod> victims = Victims.choose(active, Math.min(diff, BURST), this::zoneOf, siblingPods(rs));
            expectations.expectDeletions(key, victims.stream().map(Cache::keyOf).toList());
            for (Pod victim : victims) {
                String podKey = Cache.keyOf(victim);
                try {
                    if (!api.delete(Pod.class, victim.getMetadata().getNamespace(), victim.getMetadata().getName(),
                            DeleteOptions.background())) {
                        expectations.deletionObserved(key, podKey);
                    }
                    events.normal(rs, "SuccessfulDelete", "Deleted pod: " + victim.getMetadata().getName());
                } catch (ApiException e) {
                    expectations.deletionObserved(key, podKey);
                    events.warning(rs, "FailedDelete", "Error deleting: " + e.getMessage());
                    throw e;
                }
            }
        }
    }

    private Result updateStatus(ReplicaSet rs, List<Pod> active) {
        int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        Instant now = clock.now();
        Map<String, String> templateLabels = rs.getSpec().getTemplate() == null
                || rs.getSpec().getTemplate().getMetadata() == null
                || rs.getSpec().getTemplate().getMetadata().getLabels() == null
                ? Map.of() : rs.getSpec().getTemplate().getMetadata().getLabels();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        Duration nextCheck = Duration.ZERO;
        for (Pod p : active) {
            Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
            if (labels.entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (Pods.isReady(p)) {
                ready++;
                if (Pods.isAvailable(p, minReady, now)) {
                    available++;
                } else {
                    Duration left = Duration.between(now, Pods.readySince(p).plusSeconds(minReady));
                    nextCheck = nextCheck.isZero() || left.compareTo(nextCheck) < 0 ? left : nextCheck;
                }
            }
        }
        ReplicaSetStatus current = rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus();
        ReplicaSetStatus wanted = new ReplicaSetStatus(available, current.getConditions(), fullyLabeled,
                rs.getMetadata().getGeneration(), ready, active.size(), current.getTerminatingReplicas());
        if (!wanted.equals(current)) {
            ReplicaSet copy = Meta.copy(rs);
            copy.setStatus(wanted);
            api.updateStatus(copy);
        }
        return nextCheck.isZero() ? Result.DONE : Result.after(nextCheck.plusMillis(1));
    }

    private Pod podFor(ReplicaSet rs) {
        Pod pod = new Pod();
        ObjectMeta meta = new ObjectMeta();
        var template = rs.getSpec().getTemplate();
        if (template.getMetadata() != null) {
            if (template.getMetadata().getLabels() != null) {
                meta.setLabels(new HashMap<>(template.getMetadata().getLabels()));
            }
            if (template.getMetadata().getAnnotations() != null) {
                meta.setAnnotations(new HashMap<>(template.getMetadata().getAnnotations()));
            }
            meta.setFinalizers(template.getMetadata().getFinalizers());
        }
        meta.setNamespace(rs.getMetadata().getNamespace());
        meta.setGenerateName(rs.getMetadata().getName() + "-");
        meta.setOwnerReferences(List.of(Meta.controllerRef(rs, "apps/v1", "ReplicaSet")));
        pod.setMetadata(meta);
        pod.setSpec(Json.convert(Json.tree(template.getSpec()), PodSpec.class));
        return pod;
    }

    /** Active pods of the other ReplicaSets with the same controller (a Deployment's old and new ones). */
    private List<Pod> siblingPods(ReplicaSet rs) {
        OwnerReference owner = Meta.controllerOf(rs);
        List<Pod> out = new ArrayList<>();
        if (owner == null) {
            return out;
        }
        for (ReplicaSet sibling : replicaSets.cache().byOwner(owner.getUid())) {
            if (sibling.getMetadata().getUid().equals(rs.getMetadata().getUid())) {
                continue;
            }
            for (Pod p : pods.cache().byOwner(sibling.getMetadata().getUid())) {
                if (Meta.isControlledBy(p, sibling) && Pods.isActive(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private String zoneOf(String nodeName) {
        Node node = nodes.cache().get(null, nodeName);
        if (node == null || node.getMetadata().getLabels() == null) {
            return null;
        }
        return node.getMetadata().getLabels().get(Victims.ZONE_LABEL);
    }

    private final class PodHandler implements EventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            if (Meta.controllerOf(pod) == null) {
                enqueueSelecting(pod);
            }
            Key owner = ownerKey(pod);
            if (owner != null) {
                if (Meta.isDeleting(pod)) {
                    expectations.deletionObserved(owner, Cache.keyOf(pod));
                } else {
                    expectations.creationObserved(owner);
                }
                controller.enqueue(owner);
            }
        }

        @Override
        public void onUpdate(Pod old, Pod now) {
            if (Meta.controllerOf(now) == null) {
                enqueueSelecting(now);
            }
            Key owner = ownerKey(now);
            if (owner != null) {
                if (Meta.isDeleting(now) && !Meta.isDeleting(old)) {
                    expectations.deletionObserved(owner, Cache.keyOf(now));
                }
                controller.enqueue(owner);
            }
            Key oldOwner = ownerKey(old);
            if (oldOwner != null && !oldOwner.equals(owner)) {
                controller.enqueue(oldOwner);
            }
        }

        @Override
        public void onDelete(Pod pod) {
            Key owner = ownerKey(pod);
            if (owner != null) {
                expectations.deletionObserved(owner, Cache.keyOf(pod));
                controller.enqueue(owner);
            }
        }

        /** An orphan pod: every ReplicaSet whose selector matches may adopt it. */
        private void enqueueSelecting(Pod pod) {
            for (ReplicaSet rs : replicaSets.cache().byNamespace(pod.getMetadata().getNamespace())) {
                if (Selectors.labels(rs.getSpec().getSelector()).test(pod.getMetadata().getLabels())) {
                    controller.enqueue(Key.of(rs));
                }
            }
        }

        private Key ownerKey(Pod pod) {
            OwnerReference ref = Meta.controllerOf(pod);
            if (ref == null || !"ReplicaSet".equals(ref.getKind())) {
                return null;
            }
            return Key.of(pod.getMetadata().getNamespace(), ref.getName());
        }
    }
}
