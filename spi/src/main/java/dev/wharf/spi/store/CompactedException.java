package dev.wharf.spi.store;

/** The requested revision is older than the store's retained history (Kubernetes answers 410 Gone). */
public class CompactedException extends RuntimeException {
    private final long compactedRevision;

    public CompactedException(long requested, long compactedRevision) {
        super("required revision " + requested + " has been compacted (oldest available " + (compactedRevision + 1) + ")");
        this.compactedRevision = compactedRevision;
    }

    public long compactedRevision() {
        return compactedRevision;
    }
}
