package dev.wharf.spi.store.support;

import dev.wharf.spi.store.CompactedException;
import dev.wharf.spi.store.WatchEvent;

import java.util.List;

/** The durable record of past events, read by watches that start before the {@link WatchHub}'s window. */
@FunctionalInterface
public interface HistorySource {
    /**
     * Events under {@code prefix} with {@code afterRevision < revision <= uptoRevision}, in revision order, with
     * prevKv filled in.
     *
     * @throws CompactedException when {@code afterRevision} is below the compacted revision
     */
    List<WatchEvent> read(String prefix, long afterRevision, long uptoRevision);
}
