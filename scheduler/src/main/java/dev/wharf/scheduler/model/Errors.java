package dev.wharf.scheduler.model;

import dev.wharf.api.ApiException;

/** Bad scheduling input becomes a 400 Status that names the field. */
final class Errors {
    private Errors() {
    }

    static ApiException invalid(String path, String message) {
        return ApiException.badRequest(path + ": " + message);
    }
}
