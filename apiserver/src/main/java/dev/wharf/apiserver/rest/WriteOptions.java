package dev.wharf.apiserver.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * The query options of a write: {@code fieldManager}, {@code dryRun=All}, {@code fieldValidation}
 * (Strict/Warn/Ignore) and {@code force} for apply. Warnings for the {@code Warning} header collect in {@link #warnings}.
 */
public record WriteOptions(String fieldManager, boolean dryRun, String fieldValidation, boolean force,
        List<String> warnings) {

    public WriteOptions {
        warnings = warnings == null ? new ArrayList<>() : warnings;
        fieldValidation = fieldValidation == null || fieldValidation.isEmpty() ? "Ignore" : fieldValidation;
    }

    public static WriteOptions of(String fieldManager) {
        return new WriteOptions(fieldManager, false, "Ignore", false, new ArrayList<>());
    }

    public String managerOr(String fallback) {
        return fieldManager == null || fieldManager.isEmpty() ? fallback : fieldManager;
    }
}
