package dev.wharf.server;

/** Wharf's own version, shown in /version's gitVersion and by `wharf version`. */
public final class Version {
    public static final String WHARF = "0.1.0";

    private Version() {
    }
}
