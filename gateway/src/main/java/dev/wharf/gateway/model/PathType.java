package dev.wharf.gateway.model;

/**
 * Ingress path types. PREFIX matches whole path elements ("/foo" matches "/foo" and "/foo/bar", not "/foobar");
 * IMPLEMENTATION_SPECIFIC is treated as PREFIX on characters ("/foo" matches "/foobar"), as ingress-nginx does.
 */
public enum PathType {
    EXACT, PREFIX, IMPLEMENTATION_SPECIFIC
}
