package dev.wharf.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects field errors the way Kubernetes' {@code field.ErrorList} does: each becomes a StatusCause whose
 * {@code message} is Kubernetes' ErrorBody ("Required value", "Invalid value: -1: must be ...").
 */
public final class Causes {
    private final List<StatusCause> list = new ArrayList<>();

    public List<StatusCause> list() {
        return List.copyOf(list);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public void required(String field, String detail) {
        add("FieldValueRequired", field, withDetail("Required value", detail));
    }

    public void invalid(String field, Object value, String detail) {
        add("FieldValueInvalid", field, withDetail("Invalid value: " + GoValues.format(value), detail));
    }

    public void duplicate(String field, Object value) {
        add("FieldValueDuplicate", field, "Duplicate value: " + GoValues.format(value));
    }

    public void notFound(String field, Object value) {
        add("FieldValueNotFound", field, "Not found: " + GoValues.format(value));
    }

    public void forbidden(String field, String detail) {
        add("FieldValueForbidden", field, withDetail("Forbidden", detail));
    }

    public void tooLong(String field, int max) {
        add("FieldValueTooLong", field, "Too long: may not be more than " + max + " bytes");
    }

    public void notSupported(String field, Object value, List<String> supported) {
        StringBuilder detail = new StringBuilder("supported values: ");
        for (int i = 0; i < supported.size(); i++) {
            detail.append(i == 0 ? "" : ", ").append(GoValues.quote(supported.get(i)));
        }
        add("FieldValueNotSupported", field, "Unsupported value: " + GoValues.format(value) + ": " + detail);
    }

    /** Invalid with one cause per message, as Kubernetes loops over a validator's messages. */
    public void invalidEach(String field, Object value, List<String> messages) {
        for (String m : messages) {
            invalid(field, value, m);
        }
    }

    /** {@code field is immutable} when {@code now} differs from {@code before}. */
    public void immutable(String field, JsonNode now, JsonNode before) {
        if (!GoValues.same(now, before)) {
            invalid(field, now, "field is immutable");
        }
    }

    public void nonNegative(String field, JsonNode value) {
        if (value != null && value.isNumber() && value.asLong() < 0) {
            invalid(field, value.asLong(), "must be greater than or equal to 0");
        }
    }

    public void addAll(Causes other) {
        list.addAll(other.list);
    }

    private void add(String reason, String field, String message) {
        StatusCause c = new StatusCause();
        c.setReason(reason);
        c.setField(field);
        c.setMessage(message);
        list.add(c);
    }

    private static String withDetail(String head, String detail) {
        return detail == null || detail.isEmpty() ? head : head + ": " + detail;
    }

    /** For tests and logs: "field: message" lines. */
    public static List<String> describe(List<StatusCause> causes) {
        return causes.stream().map(c -> c.getField() + ": " + c.getMessage()).toList();
    }
}
