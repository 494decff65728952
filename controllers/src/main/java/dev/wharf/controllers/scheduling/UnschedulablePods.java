package dev.wharf.controllers.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * kube-scheduler's unschedulable pods: pods that fit nowhere wait here instead of being retried in a loop, and go
 * back to the active queue when the cluster changes in a way that may help (a node added or changed, a pod
 * deleted or finished, a pod added that a waiting pod's required affinity may need). The move counter closes the
 * race with a pod that was being scheduled when the change happened: it is parked only if no move happened
 * since its attempt began (upstream's moveRequestCycle).
 */
final class UnschedulablePods {
    private final Map<String, Boolean> waiting = new ConcurrentHashMap<>();
    private final AtomicLong moves = new AtomicLong();
    private final Consumer<String> activate;

    /** @param activate puts a pod key back into the active queue */
    UnschedulablePods(Consumer<String> activate) {
        this.activate = activate;
    }

    /** Read before an attempt; pass to {@link #park}. */
    long cycle() {
        return moves.get();
    }

    /**
     * Parks a pod that fits nowhere; returns false (and parks nothing) when a move happened since {@code cycle}:
     * the caller retries it at once.
     */
    boolean park(String podKey, boolean needsPodAffinity, long cycle) {
        waiting.put(podKey, needsPodAffinity);
        if (moves.get() != cycle) {
            waiting.remove(podKey);
            return false;
        }
        return true;
    }

    void remove(String podKey) {
        waiting.remove(podKey);
    }

    boolean contains(String podKey) {
        return waiting.containsKey(podKey);
    }

    int size() {
        return waiting.size();
    }

    /** Every waiting pod back to the active queue. */
    void moveAll() {
        moves.incrementAndGet();
        move(false);
    }

    /**
     * Only the waiting pods with required pod affinity (a new pod may be what they need). It does not count as a
     * move: every binding of a burst calls it, and pods failing meanwhile would be retried at once instead of
     * parked. (An affinity pod failing while its partner is being bound waits for the flush.)
     */
    void moveAffinityWaiters() {
        if (waiting.containsValue(Boolean.TRUE)) {
            move(true);
        }
    }

    private void move(boolean onlyAffinity) {
        List<String> keys = new ArrayList<>();
        waiting.forEach((k, affinity) -> {
            if (!onlyAffinity || affinity) {
                keys.add(k);
            }
        });
        for (String k : keys) {
            if (waiting.remove(k) != null) {
                activate.accept(k);
            }
        }
    }
}
