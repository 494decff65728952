package dev.wharf.controllers.deployment;

import dev.wharf.api.ApiException;
import dev.wharf.common.Clock;
import dev.wharf.common.Json;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.Result;
import dev.wharf.controller.runtime.events.EventRecorder;
import dev.wharf.controllers.support.Meta;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One reconcile of one Deployment, following upstream's rollout algorithms step for step (sync.go, rolling.go,
 * recreate.go, progress.go): sync revisions and find or create the new ReplicaSet, scale it up within maxSurge,
 * scale old ones down within maxUnavailable, then compute status and conditions. Mutates only its own copies.
 */
final class Rollout {
    private static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration",
            ReplicaSets.REVISION, "deployment.kubernetes.io/revision-history", ReplicaSets.DESIRED, ReplicaSets.MAX,
            "deprecated.deployment.rollback.to");

    private final ApiClient api;
    private final Clock clock;
    private final EventRecorder events;
    private final Predicate<List<ReplicaSet>> oldPodsExist;
    private final Strategy s;
    private final List<ReplicaSet> all;
    private final DeploymentStatus original;
    private final DeploymentStatus working;
    private Deployment d;
    private ReplicaSet newRS;
    private List<ReplicaSet> old = new ArrayList<>();

    Rollout(ApiClient api, Clock clock, EventRecorder events, Deployment d, List<ReplicaSet> owned,
            Predicate<List<ReplicaSet>> oldPodsExist) {
        this.api = api;
        this.clock = clock;
        this.events = events;
        this.d = d;
        this.all = new ArrayList<>(owned);
        this.oldPodsExist = oldPodsExist;
        this.s = Strategy.of(d);
        this.original = d.getStatus() == null ? new DeploymentStatus() : Json.convert(Json.tree(d.getStatus()), DeploymentStatus.class);
        this.working = Json.convert(Json.tree(original), DeploymentStatus.class);
    }

    // ---- strategies

    Result rolling() {
        syncRevision(true);
        if (reconcileNewReplicaSet()) {
            return syncRolloutStatus();
        }
        if (reconcileOldReplicaSets()) {
            return syncRolloutStatus();
        }
        if (complete(calculateStatus())) {
            cleanup();
        }
        return syncRolloutStatus();
    }

    Result recreate() {
        syncRevision(false);
        boolean scaledDown = false;
        for (ReplicaSet rs : List.copyOf(old)) {
            if (ReplicaSets.specReplicas(rs) > 0) {
                scaledDown |= scale(rs, 0);
            }
        }
        if (scaledDown) {
            return syncRolloutStatus();
        }
        if (ReplicaSets.sum(old, ReplicaSets::replicas) > 0 || oldPodsExist.test(old)) {
            return syncRolloutStatus();
        }
        if (newRS == null) {
            syncRevision(true);
        }
        if (ReplicaSets.specReplicas(newRS) != s.replicas() && scale(newRS, s.replicas())) {
            return syncRolloutStatus();
        }
        if (complete(calculateStatus())) {
            cleanup();
        }
        return syncRolloutStatus();
    }

    /** A paused deployment, or a scaling event: scale (proportionally mid-rollout), clean up when paused, report. */
    Result sync() {
        syncRevision(false);
        scaleProportionally();
        if (s.paused()) {
            cleanup();
        }
        return syncStatus();
    }

    /** The replica count changed since the ReplicaSets were last sized (their desired-replicas annotation). */
    boolean isScalingEvent() {
        syncRevision(false);
        for (ReplicaSet rs : all) {
            String desired = Meta.annotation(rs, ReplicaSets.DESIRED);
            if (ReplicaSets.specReplicas(rs) > 0 && desired != null && !desired.equals(Integer.toString(s.replicas()))) {
                return true;
            }
        }
        return false;
    }

    /** Upstream's scale(): one active ReplicaSet takes the whole count; several share the change by size. */
    private void scaleProportionally() {
        List<ReplicaSet> active = new ArrayList<>(all.stream().filter(rs -> ReplicaSets.specReplicas(rs) > 0).toList());
        if (active.size() <= 1) {
            ReplicaSet target = active.isEmpty() ? newestOrNew() : active.get(0);
            if (target != null && ReplicaSets.specReplicas(target) != s.replicas()) {
                scale(target, s.replicas());
            }
            return;
        }
        if (newRS != null && s.replicas() == ReplicaSets.specReplicas(newRS)
                && Integer.toString(s.replicas()).equals(Meta.annotation(newRS, ReplicaSets.DESIRED))
                && ReplicaSets.available(newRS) == s.replicas()) {
            for (ReplicaSet rs : List.copyOf(old)) {
                if (ReplicaSets.specReplicas(rs) > 0) {
                    scale(rs, 0);
                }
            }
            return;
        }
        if (s.recreate()) {
            return;
        }
        Map<String, Integer> sizes = Proportions.sizes(s, active, original.getReplicas());
        for (ReplicaSet rs : active) {
            scale(rs, sizes.get(rs.getMetadata().getName()));
        }
    }

    private ReplicaSet newestOrNew() {
        if (newRS != null) {
            return newRS;
        }
        return old.stream().max(ReplicaSets.BY_CREATION).orElse(null);
    }

    Result statusOnly() {
        syncRevision(false);
        return syncStatus();
    }

    /** Progressing=Unknown with DeploymentPaused / DeploymentResumed as the deployment is paused or resumed. */
    void checkPausedConditions() {
        if (s.progressDeadlineSeconds() == null) {
            return;
        }
        DeploymentCondition cur = Conditions.get(working, Conditions.PROGRESSING);
        if (cur != null && Conditions.TIMED_OUT.equals(cur.getReason())) {
            return;
        }
        boolean pausedCond = cur != null && Conditions.PAUSED.equals(cur.getReason());
        if (s.paused() && !pausedCond) {
            Conditions.set(working, Conditions.make(Conditions.PROGRESSING, "Unknown", Conditions.PAUSED, "Deployment is paused", now()));
        } else if (!s.paused() && pausedCond) {
            Conditions.set(working, Conditions.make(Conditions.PROGRESSING, "Unknown", Conditions.RESUMED, "Deployment is resumed", now()));
        }
    }

    // ---- replica sets

    private void syncRevision(boolean create) {
        newRS = null;
        old = new ArrayList<>();
        List<ReplicaSet> sorted = new ArrayList<>(all);
        sorted.sort(ReplicaSets.BY_CREATION);
        for (ReplicaSet rs : sorted) {
            if (newRS == null && ReplicaSets.equalIgnoreHash(rs.getSpec().getTemplate(), d.getSpec().getTemplate())) {
                newRS = rs;
            } else {
                old.add(rs);
            }
        }
        long newRevision = old.stream().mapToLong(ReplicaSets::revision).max().orElse(0) + 1;
        if (newRS != null) {
            ReplicaSet copy = Meta.copy(newRS);
            boolean changed = false;
            if (ReplicaSets.revision(copy) < newRevision) {
                annotations(copy).put(ReplicaSets.REVISION, Long.toString(newRevision));
                changed = true;
            }
            Integer minReady = copy.getSpec().getMinReadySeconds() == null ? 0 : copy.getSpec().getMinReadySeconds();
            if (minReady != s.minReadySeconds()) {
                copy.getSpec().setMinReadySeconds(s.minReadySeconds());
                changed = true;
            }
            if (changed) {
                replace(api.update(copy));
            }
            if (s.progressDeadlineSeconds() != null && Conditions.get(working, Conditions.PROGRESSING) == null) {
                Conditions.set(working, Conditions.make(Conditions.PROGRESSING, "True", Conditions.FOUND_NEW_RS,
                        "Found new replica set \"" + newRS.getMetadata().getName() + "\"", now()));
            }
        } else if (create) {
            createNewReplicaSet(newRevision);
        }
        if (newRS != null) {
            String revision = Meta.annotation(newRS, ReplicaSets.REVISION);
            if (revision != null && !revision.equals(Meta.annotation(d, ReplicaSets.REVISION))) {
                Deployment copy = Meta.copy(d);
                if (copy.getMetadata().getAnnotations() == null) {
                    copy.getMetadata().setAnnotations(new HashMap<>());
                }
                copy.getMetadata().getAnnotations().put(ReplicaSets.REVISION, revision);
                d = api.update(copy);
            }
        }
    }

    private void createNewReplicaSet(long revision) {
        PodTemplateSpec template = Json.convert(Json.tree(d.getSpec().getTemplate()), PodTemplateSpec.class);
        String hash = PodTemplateHash.of(template, working.getCollisionCount());
        Map<String, String> labels = new HashMap<>(template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels());
        labels.put(PodTemplateHash.LABEL, hash);
        if (template.getMetadata() == null) {
            template.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        }
        template.getMetadata().setLabels(labels);
        LabelSelector selector = Json.convert(Json.tree(d.getSpec().getSelector()), LabelSelector.class);
        Map<String, String> matchLabels = new HashMap<>(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
        matchLabels.put(PodTemplateHash.LABEL, hash);
        selector.setMatchLabels(matchLabels);
        Map<String, String> annotations = new HashMap<>();
        if (d.getMetadata().getAnnotations() != null) {
            d.getMetadata().getAnnotations().forEach((k, v) -> {
                if (!NOT_COPIED.contains(k)) {
                    annotations.put(k, v);
                }
            });
        }
        annotations.put(ReplicaSets.REVISION, Long.toString(revision));
        annotations.put(ReplicaSets.DESIRED, Integer.toString(s.replicas()));
        annotations.put(ReplicaSets.MAX, Integer.toString(s.replicas() + s.maxSurge()));
        int replicas = s.recreate() ? s.replicas() : newReplicaCount(0);
        String name = d.getMetadata().getName() + "-" + hash;
        ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName(name)
                .withNamespace(d.getMetadata().getNamespace()).withLabels(labels).withAnnotations(annotations)
                .withOwnerReferences(Meta.controllerRef(d, "apps/v1", "Deployment")).endMetadata()
                .withNewSpec().withReplicas(replicas).withMinReadySeconds(s.minReadySeconds()).withSelector(selector)
                .withTemplate(template).endSpec().build();
        try {
            newRS = api.create(rs);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            ReplicaSet existing = api.get(ReplicaSet.class, d.getMetadata().getNamespace(), name);
            if (existing != null && Meta.isControlledBy(existing, d)
                    && ReplicaSets.equalIgnoreHash(existing.getSpec().getTemplate(), d.getSpec().getTemplate())) {
                newRS = existing;
                all.removeIf(r -> r.getMetadata().getName().equals(name));
                all.add(existing);
                return;
            }
            // A hash collision with a foreign ReplicaSet: count it so the next hash differs, then retry.
            working.setCollisionCount((working.getCollisionCount() == null ? 0 : working.getCollisionCount()) + 1);
            writeStatus(calculateStatus());
            throw e;
        }
        all.add(newRS);
        if (replicas > 0) {
            events.normal(d, "ScalingReplicaSet", "Scaled up replica set " + name + " to " + replicas);
        }
        if (s.progressDeadlineSeconds() != null) {
            Conditions.set(working, Conditions.make(Conditions.PROGRESSING, "True", Conditions.NEW_RS_CREATED,
                    "Created new replica set \"" + name + "\"", now()));
        }
    }

    /** Scales a ReplicaSet (and refreshes its desired/max annotations); true when its size changed. */
    private boolean scale(ReplicaSet rs, int replicas) {
        ReplicaSet copy = Meta.copy(rs);
        int before = ReplicaSets.specReplicas(copy);
        Map<String, String> ann = annotations(copy);
        String desired = Integer.toString(s.replicas());
        String max = Integer.toString(s.replicas() + s.maxSurge());
        boolean annotationsChanged = !desired.equals(ann.get(ReplicaSets.DESIRED)) || !max.equals(ann.get(ReplicaSets.MAX));
        if (before == replicas && !annotationsChanged) {
            return false;
        }
        ann.put(ReplicaSets.DESIRED, desired);
        ann.put(ReplicaSets.MAX, max);
        copy.getSpec().setReplicas(replicas);
        replace(api.update(copy));
        if (before != replicas) {
            events.normal(d, "ScalingReplicaSet", "Scaled " + (replicas > before ? "up" : "down") + " replica set "
                    + rs.getMetadata().getName() + " to " + replicas);
        }
        return before != replicas;
    }

    private void replace(ReplicaSet updated) {
        String name = updated.getMetadata().getName();
        all.replaceAll(r -> r.getMetadata().getName().equals(name) ? updated : r);
        old.replaceAll(r -> r.getMetadata().getName().equals(name) ? updated : r);
        if (newRS != null && newRS.getMetadata().getName().equals(name)) {
            newRS = updated;
        }
    }

    private static Map<String, String> annotations(ReplicaSet rs) {
        if (rs.getMetadata().getAnnotations() == null) {
            rs.getMetadata().setAnnotations(new HashMap<>());
        }
        return rs.getMetadata().getAnnotations();
    }

    // ---- rolling update arithmetic (rolling.go)

    private boolean reconcileNewReplicaSet() {
        if (newRS == null) {
            return false;
        }
        int current = ReplicaSets.specReplicas(newRS);
        if (current == s.replicas()) {
            return false;
        }
        if (current > s.replicas()) {
            return scale(newRS, s.replicas());
        }
        return scale(newRS, newReplicaCount(current));
    }

    /**
     * How big the new ReplicaSet may be now: within replicas + maxSurge pods in total. Unlike upstream, a
     * ReplicaSet counts as the larger of its spec and its observed pods, so that pods of an old ReplicaSet that
     * was just scaled down but whose pods are not gone yet still count against the surge.
     */
    private int newReplicaCount(int current) {
        int total = ReplicaSets.sum(all, rs -> Math.max(ReplicaSets.specReplicas(rs), ReplicaSets.replicas(rs)));
        if (newRS != null) {
            total += current - Math.max(ReplicaSets.specReplicas(newRS), ReplicaSets.replicas(newRS));
        }
        int maxTotal = s.replicas() + s.maxSurge();
        if (total >= maxTotal) {
            return current;
        }
        return current + Math.min(maxTotal - total, s.replicas() - current);
    }

    private boolean reconcileOldReplicaSets() {
        if (ReplicaSets.sumSpec(old) == 0) {
            return false;
        }
        int allPods = ReplicaSets.sumSpec(all);
        int minAvailable = s.replicas() - s.maxUnavailable();
        int newUnavailable = newRS == null ? 0 : Math.max(0, ReplicaSets.specReplicas(newRS) - available(newRS));
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        int cleaned = cleanupUnhealthyReplicas(maxScaledDown);
        int scaled = scaleDownOldReplicaSets();
        return cleaned + scaled > 0;
    }

    /** Old ReplicaSets' pods that are not available go first: they cost no availability. */
    private int cleanupUnhealthyReplicas(int maxCleanup) {
        List<ReplicaSet> sorted = new ArrayList<>(old);
        sorted.sort(ReplicaSets.BY_CREATION);
        int total = 0;
        for (ReplicaSet rs : sorted) {
            if (total >= maxCleanup) {
                break;
            }
            int spec = ReplicaSets.specReplicas(rs);
            int unhealthy = spec - available(rs);
            if (spec == 0 || unhealthy <= 0) {
                continue;
            }
            int n = Math.min(maxCleanup - total, unhealthy);
            scale(rs, spec - n);
            total += n;
        }
        return total;
    }

    private int scaleDownOldReplicaSets() {
        int minAvailable = s.replicas() - s.maxUnavailable();
        int availablePods = ReplicaSets.sum(all, this::available);
        if (availablePods <= minAvailable) {
            return 0;
        }
        int toScaleDown = availablePods - minAvailable;
        List<ReplicaSet> sorted = new ArrayList<>(old);
        sorted.sort(ReplicaSets.BY_CREATION);
        int total = 0;
        for (ReplicaSet rs : sorted) {
            if (total >= toScaleDown) {
                break;
            }
            int spec = ReplicaSets.specReplicas(rs);
            if (spec == 0) {
                continue;
            }
            int n = Math.min(spec, toScaleDown - total);
            scale(rs, spec - n);
            total += n;
        }
        return total;
    }

    /**
     * Available pods a ReplicaSet will keep: its reported available count, but never more than its spec (pods
     * above spec are about to be deleted, and the status may not have caught up with a scale-down yet).
     */
    private int available(ReplicaSet rs) {
        return Math.min(ReplicaSets.available(rs), ReplicaSets.specReplicas(rs));
    }

    // ---- history

    private void cleanup() {
        List<ReplicaSet> cleanable = new ArrayList<>(old.stream().filter(rs -> !Meta.isDeleting(rs)).toList());
        int diff = cleanable.size() - s.revisionHistoryLimit();
        if (diff <= 0) {
            return;
        }
        cleanable.sort(ReplicaSets.BY_REVISION);
        for (int i = 0; i < diff; i++) {
            ReplicaSet rs = cleanable.get(i);
            long observed = rs.getStatus() == null || rs.getStatus().getObservedGeneration() == null ? 0 : rs.getStatus().getObservedGeneration();
            if (ReplicaSets.replicas(rs) != 0 || ReplicaSets.specReplicas(rs) != 0
                    || rs.getMetadata().getGeneration() > observed) {
                continue;
            }
            api.delete(ReplicaSet.class, rs.getMetadata().getNamespace(), rs.getMetadata().getName(), DeleteOptions.background());
        }
    }

    // ---- status (sync.go, progress.go): the arithmetic is in Progress

    DeploymentStatus calculateStatus() {
        return Progress.calculate(d, s, all, newRS, working, clock.now());
    }

    private boolean complete(DeploymentStatus st) {
        return Progress.complete(d, s, st);
    }

    private Result syncStatus() {
        writeStatus(calculateStatus());
        return Result.DONE;
    }

    private Result syncRolloutStatus() {
        DeploymentStatus st = calculateStatus();
        String timedOut = Progress.updateProgressing(d, s, original, st, newRS, clock.now());
        if (timedOut != null) {
            events.warning(d, Conditions.TIMED_OUT, timedOut);
        }
        writeStatus(st);
        return Progress.requeueStuck(d, s, st, clock.now());
    }

    private void writeStatus(DeploymentStatus st) {
        if (Json.tree(st).equals(Json.tree(original))) {
            return;
        }
        Deployment copy = Meta.copy(d);
        copy.setStatus(st);
        d = api.updateStatus(copy);
    }

    private String now() {
        return Progress.timestamp(clock.now());
    }
}
