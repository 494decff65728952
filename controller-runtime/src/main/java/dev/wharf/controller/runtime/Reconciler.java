package dev.wharf.controller.runtime;

/**
 * One convergence step for one key: read the caches, compare with the desired state, write the difference.
 * Must be idempotent; throwing retries the key with per-item exponential back-off.
 */
@FunctionalInterface
public interface Reconciler {
    Result reconcile(Key key) throws Exception;
}
