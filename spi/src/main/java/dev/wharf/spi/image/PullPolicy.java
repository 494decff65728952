package dev.wharf.spi.image;

/** Kubernetes' imagePullPolicy. */
public enum PullPolicy {
    /** Ask the registry every time; reuse local content when the digest is unchanged. */
    ALWAYS,
    /** Use the local image when the reference is present; pull otherwise. */
    IF_NOT_PRESENT,
    /** Never contact a registry; fail with ErrImageNeverPull when absent. */
    NEVER;

    /** Parses "Always" / "IfNotPresent" / "Never"; null or empty gives the Kubernetes default for the reference. */
    public static PullPolicy of(String value, ImageRef ref) {
        if (value == null || value.isEmpty()) {
            return ref.digest() == null && "latest".equals(ref.tag()) ? ALWAYS : IF_NOT_PRESENT;
        }
        return switch (value) {
            case "Always" -> ALWAYS;
            case "IfNotPresent" -> IF_NOT_PRESENT;
            case "Never" -> NEVER;
            default -> throw new IllegalArgumentException("unsupported imagePullPolicy \"" + value
                    + "\": supported values: \"Always\", \"IfNotPresent\", \"Never\"");
        };
    }
}
