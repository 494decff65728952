package dev.wharf.controllers.support;

import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.Key;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Upstream's ControllerExpectations: after creating N pods (deleting some), a controller waits until its
 * informer has seen them before it counts again, so a slow watch never makes it create twice. Expectations
 * expire after 5 minutes (on the injected clock) in case an event was lost.
 */
public final class Expectations {
    private static final Duration TTL = Duration.ofMinutes(5);

    private static final class Entry {
        int adds;
        final Set<String> deletes = new HashSet<>();
        long setAt;
    }

    private final Clock clock;
    private final Map<Key, Entry> entries = new HashMap<>();

    public Expectations(Clock clock) {
        this.clock = clock;
    }

    public synchronized void expectCreations(Key key, int count) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        e.adds += count;
        e.setAt = clock.nanoTime();
    }

    public synchronized void creationObserved(Key key) {
        Entry e = entries.get(key);
        if (e != null && e.adds > 0) {
            e.adds--;
        }
    }

    public synchronized void expectDeletions(Key key, Collection<String> podKeys) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        e.deletes.addAll(podKeys);
        e.setAt = clock.nanoTime();
    }

    public synchronized void deletionObserved(Key key, String podKey) {
        Entry e = entries.get(key);
        if (e != null) {
            e.deletes.remove(podKey);
        }
    }

    public synchronized boolean satisfied(Key key) {
        Entry e = entries.get(key);
        if (e == null || (e.adds <= 0 && e.deletes.isEmpty())) {
            return true;
        }
        return clock.nanoTime() - e.setAt > TTL.toNanos();
    }

    public synchronized void forget(Key key) {
        entries.remove(key);
    }
}
