package dev.wharf.controllers.deployment;

import dev.wharf.controller.runtime.Controller;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controller.runtime.Key;
import dev.wharf.controller.runtime.Reconciler;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.events.EventRecorder;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.controller.runtime.select.Selectors;
import dev.wharf.controllers.support.Claims;
import dev.wharf.controllers.support.Meta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolls Deployments out through ReplicaSets named {@code <deployment>-<pod-template-hash>}: RollingUpdate within
 * maxSurge / maxUnavailable, Recreate, pause, revisions (so {@code kubectl rollout history|undo} work), progress
 * deadline, history cleanup and the status {@code kubectl rollout status} waits on. Each reconcile is one
 * {@link Rollout} step from the caches; ReplicaSet changes bring the Deployment back.
 */
public final class DeploymentController implements Reconciler {
    public static final String NAME = "deployment-controller";

    private final ControllerManager manager;
    private final Informer<Deployment> deployments;
    private final Informer<ReplicaSet> replicaSets;
    private final Informer<Pod> pods;
    private final EventRecorder events;
    private final Controller controller;

    public DeploymentController(ControllerManager manager, int workers) {
        this.manager = manager;
        this.deployments = manager.informer(Deployment.class);
        this.replicaSets = manager.informer(ReplicaSet.class);
        this.pods = manager.informer(Pod.class);
        this.events = new EventRecorder(manager.api(), manager.clock(), NAME);
        this.controller = manager.add(new Controller(NAME, this, manager.clock(), workers));
        deployments.addHandler(EventHandler.any(d -> controller.enqueue(Key.of(d))));
        replicaSets.addHandler(EventHandler.any(this::enqueueOwner));
        pods.addHandler(new EventHandler<>() {
            @Override
            public void onDelete(Pod pod) {
                // Recreate waits for old pods to be gone.
                OwnerReference ref = Meta.controllerOf(pod);
                if (ref != null && "ReplicaSet".equals(ref.getKind())) {
                    ReplicaSet rs = replicaSets.cache().get(pod.getMetadata().getNamespace(), ref.getName());
                    if (rs != null) {
                        enqueueOwner(rs);
                    }
                }
            }
        });
    }

    public Controller controller() {
        return controller;
    }

    private void enqueueOwner(ReplicaSet rs) {
        OwnerReference ref = Meta.controllerOf(rs);
        if (ref != null && "Deployment".equals(ref.getKind())) {
            controller.enqueue(Key.of(rs.getMetadata().getNamespace(), ref.getName()));
        } else if (ref == null) {
            // An orphan: any deployment whose selector matches may adopt it.
            for (Deployment d : deployments.cache().byNamespace(rs.getMetadata().getNamespace())) {
                if (Selectors.labels(d.getSpec().getSelector()).test(rs.getMetadata().getLabels())) {
                    controller.enqueue(Key.of(d));
                }
            }
        }
    }

    @Override
    public Result reconcile(Key key) {
        Deployment cached = deployments.cache().get(key.namespace(), key.name());
        if (cached == null) {
            return Result.DONE;
        }
        Deployment d = Meta.copy(cached);
        if (selectsNothingOrAll(d.getSpec().getSelector())) {
            events.warning(d, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
            return Result.DONE;
        }
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : Claims.claim(manager.api(), d, "apps/v1", "Deployment", d.getSpec().getSelector(),
                replicaSets.cache().byNamespace(d.getMetadata().getNamespace()))) {
            owned.add(Meta.copy(rs));
        }
        Rollout rollout = new Rollout(manager.api(), manager.clock(), events, d, owned, this::oldPodsExist);
        if (Meta.isDeleting(d)) {
            return rollout.statusOnly();
        }
        rollout.checkPausedConditions();
        if (Boolean.TRUE.equals(d.getSpec().getPaused()) || rollout.isScalingEvent()) {
            return rollout.sync();
        }
        return Strategy.of(d).recreate() ? rollout.recreate() : rollout.rolling();
    }

    static boolean selectsNothingOrAll(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }

    /** Pods of these ReplicaSets that still run (terminating included), for Recreate. */
    private boolean oldPodsExist(List<ReplicaSet> old) {
        for (ReplicaSet rs : old) {
            for (Pod p : pods.cache().byOwner(rs.getMetadata().getUid())) {
                String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
                if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                    return true;
                }
            }
        }
        return false;
    }
}
