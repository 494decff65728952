package dev.wharf.scheduler.model;

import java.util.List;

/** A pod toleration, with Kubernetes' matching rules (empty key + Exists tolerates everything). */
public record Toleration(String key, String operator, String value, String effect) {
    public Toleration {
        key = key == null ? "" : key;
        operator = operator == null || operator.isEmpty() ? "Equal" : operator;
        value = value == null ? "" : value;
        effect = effect == null ? "" : effect;
    }

    public static Toleration of(io.fabric8.kubernetes.api.model.Toleration t) {
        return new Toleration(t.getKey(), t.getOperator(), t.getValue(), t.getEffect());
    }

    public boolean tolerates(Taint taint) {
        if (!effect.isEmpty() && !effect.equals(taint.effect())) {
            return false;
        }
        if (!key.isEmpty() && !key.equals(taint.key())) {
            return false;
        }
        return switch (operator) {
            case "Exists" -> true;
            case "Equal" -> value.equals(taint.value());
            default -> false;
        };
    }

    public static boolean anyTolerates(List<Toleration> tolerations, Taint taint) {
        for (int i = 0; i < tolerations.size(); i++) {
            if (tolerations.get(i).tolerates(taint)) {
                return true;
            }
        }
        return false;
    }
}
