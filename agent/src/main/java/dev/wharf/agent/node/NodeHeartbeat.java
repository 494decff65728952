package dev.wharf.agent.node;

import dev.wharf.agent.AgentConfig;
import dev.wharf.api.ApiException;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers the Node, renews its Lease in {@code kube-node-lease} every heartbeat period and refreshes the
 * Ready condition's lastHeartbeatTime every status period (kubelet's two heartbeats). {@link #tick} is driven by
 * the agent's loop on its Clock; tests call it directly.
 */
public final class NodeHeartbeat {
    public static final String LEASE_NAMESPACE = "kube-node-lease";
    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class.getName());

    private final AgentConfig config;
    private long nextLeaseAt = Long.MIN_VALUE;
    private long nextStatusAt = Long.MIN_VALUE;
    private String nodeUid;

    public NodeHeartbeat(AgentConfig config) {
        this.config = config;
    }

    /** Creates the Node, or brings an existing one (a restarted agent) up to date. */
    public synchronized Node register() {
        Node existing = config.api().get(Node.class, null, config.nodeName());
        Node desired = NodeFactory.build(config, NodeConditions.healthy(
                existing == null || existing.getStatus() == null ? null : existing.getStatus().getConditions(),
                config.clock().now()));
        Node stored;
        if (existing == null) {
            try {
                stored = config.api().create(desired);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
                return register();
            }
        } else {
            Map<String, String> labels = new LinkedHashMap<>(existing.getMetadata().getLabels() == null
                    ? Map.of() : existing.getMetadata().getLabels());
            labels.putAll(desired.getMetadata().getLabels());
            existing.getMetadata().setLabels(labels);
            Map<String, String> annotations = new LinkedHashMap<>(existing.getMetadata().getAnnotations() == null
                    ? Map.of() : existing.getMetadata().getAnnotations());
            annotations.putAll(desired.getMetadata().getAnnotations());
            existing.getMetadata().setAnnotations(annotations);
            if (desired.getSpec().getPodCIDR() != null) {
                existing.getSpec().setPodCIDR(desired.getSpec().getPodCIDR());
                existing.getSpec().setPodCIDRs(desired.getSpec().getPodCIDRs());
            }
            existing.getMetadata().setResourceVersion(null);
            stored = config.api().update(existing);
        }
        stored.setStatus(desired.getStatus());
        stored.getMetadata().setResourceVersion(null);
        stored = config.api().updateStatus(stored);
        nodeUid = stored.getMetadata().getUid();
        nextStatusAt = config.clock().nanoTime() + config.statusPeriod().toNanos();
        return stored;
    }

    /** Renews the Lease and/or the Ready heartbeat when due on the clock; returns nanos until the next one is due. */
    public synchronized long tick() {
        long now = config.clock().nanoTime();
        try {
            if (now >= nextLeaseAt) {
                renewLease();
                nextLeaseAt = now + config.heartbeatPeriod().toNanos();
            }
            if (now >= nextStatusAt) {
                refreshStatus();
                nextStatusAt = now + config.statusPeriod().toNanos();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "node " + config.nodeName() + ": heartbeat failed: " + e.getMessage());
        }
        return Math.max(0, Math.min(nextLeaseAt, nextStatusAt) - config.clock().nanoTime());
    }

    void renewLease() {
        java.time.ZonedDateTime renew = java.time.ZonedDateTime.ofInstant(config.clock().now(), ZoneOffset.UTC);
        Lease lease = config.api().get(Lease.class, LEASE_NAMESPACE, config.nodeName());
        if (lease == null) {
            ensureNamespace();
            LeaseBuilder b = new LeaseBuilder().withNewMetadata().withNamespace(LEASE_NAMESPACE)
                    .withName(config.nodeName()).endMetadata()
                    .withNewSpec().withHolderIdentity(config.nodeName())
                    .withLeaseDurationSeconds((int) Math.max(40, config.heartbeatPeriod().toSeconds() * 4))
                    .withRenewTime(renew).endSpec();
            if (nodeUid != null) {
                b.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node")
                        .withName(config.nodeName()).withUid(nodeUid).build()).endMetadata();
            }
            try {
                config.api().create(b.build());
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
            return;
        }
        lease.getSpec().setHolderIdentity(config.nodeName());
        lease.getSpec().setRenewTime(renew);
        config.api().update(lease);
    }

    void refreshStatus() {
        Node node = config.api().get(Node.class, null, config.nodeName());
        if (node == null) {
            register();
            return;
        }
        node.getStatus().setConditions(NodeConditions.healthy(node.getStatus().getConditions(), config.clock().now()));
        node.getStatus().setImages(NodeFactory.images(config));
        node.getMetadata().setResourceVersion(null);
        config.api().updateStatus(node);
    }

    private void ensureNamespace() {
        if (config.api().get(Namespace.class, null, LEASE_NAMESPACE) != null) {
            return;
        }
        try {
            config.api().create(new NamespaceBuilder().withNewMetadata().withName(LEASE_NAMESPACE).endMetadata().build());
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }

    /** The time of the last renew, as the Lease holds it (for tests). */
    public static Instant renewTime(Lease lease) {
        return lease.getSpec().getRenewTime().toInstant();
    }
}
