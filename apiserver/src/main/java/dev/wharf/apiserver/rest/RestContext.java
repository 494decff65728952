package dev.wharf.apiserver.rest;

import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.registry.ObjectStorage;
import dev.wharf.common.Clock;
import java.util.random.RandomGenerator;

/** What the verb handlers share. */
public record RestContext(ObjectStorage storage, ResourceTypes types, Clock clock, RandomGenerator random,
        Admission admission, ClusterIpAllocator clusterIps, NodePortAllocator nodePorts, PodLogSource logs) {

    /** With node ports from the default range 30000-32767. */
    public RestContext(ObjectStorage storage, ResourceTypes types, Clock clock, RandomGenerator random,
            Admission admission, ClusterIpAllocator clusterIps, PodLogSource logs) {
        this(storage, types, clock, random, admission, clusterIps,
                new NodePortAllocator(NodePortAllocator.DEFAULT_RANGE, storage), logs);
    }

    public String now() {
        return Timestamps.format(clock.now());
    }

    /** Random for uids and name suffixes; RandomGenerator implementations are not all thread-safe. */
    public String uid() {
        synchronized (random) {
            return dev.wharf.common.Ids.uid(random);
        }
    }

    public String suffix() {
        synchronized (random) {
            return dev.wharf.common.Ids.suffix(random, 5);
        }
    }
}
