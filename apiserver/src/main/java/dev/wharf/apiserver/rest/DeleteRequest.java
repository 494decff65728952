package dev.wharf.apiserver.rest;

/**
 * DeleteOptions: {@code propagationPolicy} Orphan/Background/Foreground (null: Background), a grace period
 * (null: the object's default), preconditions on uid and resourceVersion, and dryRun.
 */
public record DeleteRequest(String propagationPolicy, Long gracePeriodSeconds, String preconditionUid,
        String preconditionResourceVersion, boolean dryRun) {

    public static final DeleteRequest DEFAULT = new DeleteRequest(null, null, null, null, false);
}
