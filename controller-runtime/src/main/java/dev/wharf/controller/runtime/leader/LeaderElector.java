package dev.wharf.controller.runtime.leader;

import dev.wharf.api.ApiException;
import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Leader election on a coordination.k8s.io/v1 Lease, as client-go does it: the holder renews
 * {@code spec.renewTime}; another candidate takes over once {@code renewTime + leaseDurationSeconds} has passed
 * (and bumps {@code leaseTransitions}). Writes use the Lease's resourceVersion, so two candidates racing for an
 * expired lease cannot both win. Time comes from the injected clock; callers decide how often to call
 * {@link #tryAcquireOrRenew()} ({@link #retryPeriod()}).
 */
public final class LeaderElector {
    private final ApiClient api;
    private final Clock clock;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration retryPeriod;
    private volatile boolean leader;
    private long lastRenewNanos;

    public LeaderElector(ApiClient api, Clock clock, String namespace, String name, String identity,
            Duration leaseDuration, Duration retryPeriod) {
        this.api = api;
        this.clock = clock;
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.leaseDuration = leaseDuration;
        this.retryPeriod = retryPeriod;
    }

    /** Kubernetes' defaults: 15 s lease, 2 s retry, in kube-system. */
    public static LeaderElector defaults(ApiClient api, Clock clock, String name, String identity) {
        return new LeaderElector(api, clock, "kube-system", name, identity, Duration.ofSeconds(15), Duration.ofSeconds(2));
    }

    public boolean isLeader() {
        return leader;
    }

    public String identity() {
        return identity;
    }

    public Duration retryPeriod() {
        return retryPeriod;
    }

    /** One round: acquire a free or expired lease, or renew our own. Returns whether we lead now. */
    public synchronized boolean tryAcquireOrRenew() {
        ZonedDateTime now = now();
        try {
            Lease lease = api.get(Lease.class, namespace, name);
            if (lease == null) {
                Lease fresh = new Lease();
                fresh.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
                fresh.setSpec(spec(now, now, 0));
                api.create(fresh);
                return renewed();
            }
            LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
            boolean ours = identity.equals(spec.getHolderIdentity());
            if (!ours && !expired(spec, now)) {
                return leader = false;
            }
            int transitions = spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
            ZonedDateTime acquired = ours && spec.getAcquireTime() != null ? spec.getAcquireTime() : now;
            lease.setSpec(spec(acquired, now, ours ? transitions : transitions + 1));
            api.update(lease);
            return renewed();
        } catch (RuntimeException e) {
            // A conflict (someone else wrote first) or an API failure: a leader keeps leading until its renew
            // deadline (2/3 of the lease) has passed without a successful renewal, as client-go does.
            return leader = leader && clock.nanoTime() - lastRenewNanos < leaseDuration.toNanos() * 2 / 3;
        }
    }

    private boolean renewed() {
        lastRenewNanos = clock.nanoTime();
        return leader = true;
    }

    /** Gives the lease up at once (empty holder, already expired) so another candidate need not wait. */
    public synchronized void release() {
        if (!leader) {
            return;
        }
        leader = false;
        try {
            Lease lease = api.get(Lease.class, namespace, name);
            if (lease != null && lease.getSpec() != null && identity.equals(lease.getSpec().getHolderIdentity())) {
                lease.getSpec().setHolderIdentity(null);
                lease.getSpec().setLeaseDurationSeconds(1);
                api.update(lease);
            }
        } catch (ApiException e) {
            // Best effort: the lease expires by itself.
        }
    }

    private boolean expired(LeaseSpec spec, ZonedDateTime now) {
        if (spec.getHolderIdentity() == null || spec.getHolderIdentity().isEmpty() || spec.getRenewTime() == null) {
            return true;
        }
        int seconds = Objects.requireNonNullElse(spec.getLeaseDurationSeconds(), (int) leaseDuration.toSeconds());
        return !spec.getRenewTime().plusSeconds(seconds).isAfter(now);
    }

    private LeaseSpec spec(ZonedDateTime acquired, ZonedDateTime renewed, int transitions) {
        LeaseSpec spec = new LeaseSpec();
        spec.setHolderIdentity(identity);
        spec.setLeaseDurationSeconds((int) leaseDuration.toSeconds());
        spec.setAcquireTime(acquired);
        spec.setRenewTime(renewed);
        spec.setLeaseTransitions(transitions);
        return spec;
    }

    private ZonedDateTime now() {
        Instant i = clock.now().truncatedTo(ChronoUnit.MICROS);
        return ZonedDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
