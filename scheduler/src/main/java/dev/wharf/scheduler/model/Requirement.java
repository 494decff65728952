package dev.wharf.scheduler.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One requirement of a label selector or node selector term: {@code key op values}. Gt and Lt only appear in
 * node selectors and compare the label's integer value with the single value given.
 */
public record Requirement(String key, Operator op, Set<String> values, long number) {
    public enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GT, LT }

    public Requirement {
        values = Set.copyOf(values);
    }

    public static Requirement in(String key, String... values) {
        return new Requirement(key, Operator.IN, Set.of(values), 0);
    }

    /** Compiles an operator as written in a manifest; {@code path} names the field in errors. */
    public static Requirement of(String key, String operator, List<String> values, boolean allowNumeric, String path) {
        if (key == null || key.isEmpty()) {
            throw Errors.invalid(path + ".key", "key must not be empty");
        }
        List<String> vals = values == null ? List.of() : values;
        Operator op = switch (operator == null ? "" : operator) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            case "Gt" -> allowNumeric ? Operator.GT : null;
            case "Lt" -> allowNumeric ? Operator.LT : null;
            default -> null;
        };
        if (op == null) {
            throw Errors.invalid(path + ".operator", "unsupported operator \"" + operator + "\"");
        }
        long number = 0;
        switch (op) {
            case IN, NOT_IN -> {
                if (vals.isEmpty()) {
                    throw Errors.invalid(path + ".values", "must be specified when operator is " + operator);
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!vals.isEmpty()) {
                    throw Errors.invalid(path + ".values", "may not be specified when operator is " + operator);
                }
            }
            case GT, LT -> {
                if (vals.size() != 1) {
                    throw Errors.invalid(path + ".values", "must be a single integer when operator is " + operator);
                }
                try {
                    number = Long.parseLong(vals.get(0));
                } catch (NumberFormatException e) {
                    throw Errors.invalid(path + ".values[0]", "must be an integer: \"" + vals.get(0) + "\"");
                }
            }
        }
        return new Requirement(key, op, Set.copyOf(vals), number);
    }

    public boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        return switch (op) {
            case IN -> value != null && values.contains(value);
            case NOT_IN -> value == null || !values.contains(value);
            case EXISTS -> value != null;
            case DOES_NOT_EXIST -> value == null;
            case GT, LT -> {
                if (value == null) {
                    yield false;
                }
                try {
                    long v = Long.parseLong(value);
                    yield op == Operator.GT ? v > number : v < number;
                } catch (NumberFormatException e) {
                    yield false;
                }
            }
        };
    }
}
