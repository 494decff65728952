package dev.wharf.scheduler;

import java.util.List;

/**
 * What to evict so that a pod fits: the node to nominate and the victims ({@code namespace/name}), lower
 * priority pods only, as few and as unimportant as possible.
 */
public record Preemption(String nodeName, List<String> victims) {
    public Preemption {
        victims = List.copyOf(victims);
    }
}
