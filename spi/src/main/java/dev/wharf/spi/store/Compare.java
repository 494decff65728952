package dev.wharf.spi.store;

/** A guard of a transaction. A missing key has modRevision 0 and version 0. */
public record Compare(String key, Target target, long value) {
    public enum Target { MOD_REVISION, VERSION, CREATE_REVISION }

    public static Compare modRevision(String key, long modRevision) {
        return new Compare(key, Target.MOD_REVISION, modRevision);
    }

    public static Compare absent(String key) {
        return new Compare(key, Target.VERSION, 0);
    }
}
