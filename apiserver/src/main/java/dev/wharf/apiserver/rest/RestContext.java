package dev.wharf.apiserver.rest;

import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.apiserver.registry.ObjectStorage;
import dev.wharf.common.Clock;
import java.util.random.RandomGenerator;

/** What the verb handlers share. */
public record RestContext(ObjectStorage storage, ResourceTypes types, Clock clock, RandomGenerator random,
        Admission admission, ClusterIpAllocator clusterIps, PodLogSource logs) {

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
