package dev.wharf.apiserver.rest;

/** The options of a list or watch: selectors, paging, resourceVersion, and watch-only settings. */
public record ListQuery(String labelSelector, String fieldSelector, long limit, String continueToken,
        String resourceVersion, Long timeoutSeconds, boolean allowBookmarks) {

    public static ListQuery all() {
        return new ListQuery(null, null, 0, null, null, null, false);
    }
}
