package dev.wharf.scheduler.model;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One term of a node selector: all label expressions and all field expressions (only {@code metadata.name}
 * exists) must hold. An empty term matches no node, as in Kubernetes.
 */
public record NodeSelectorTerm(List<Requirement> labels, List<Requirement> fields) {
    public NodeSelectorTerm {
        labels = List.copyOf(labels);
        fields = List.copyOf(fields);
    }

    public static NodeSelectorTerm of(io.fabric8.kubernetes.api.model.NodeSelectorTerm term, String path) {
        return new NodeSelectorTerm(compile(term.getMatchExpressions(), path + ".matchExpressions"),
                compileFields(term.getMatchFields(), path + ".matchFields"));
    }

    private static List<Requirement> compile(List<NodeSelectorRequirement> reqs, String path) {
        List<Requirement> out = new ArrayList<>();
        if (reqs != null) {
            for (int i = 0; i < reqs.size(); i++) {
                NodeSelectorRequirement r = reqs.get(i);
                out.add(Requirement.of(r.getKey(), r.getOperator(), r.getValues(), true, path + "[" + i + "]"));
            }
        }
        return out;
    }

    private static List<Requirement> compileFields(List<NodeSelectorRequirement> reqs, String path) {
        List<Requirement> out = compile(reqs, path);
        for (int i = 0; i < out.size(); i++) {
            Requirement r = out.get(i);
            if (!r.key().equals("metadata.name")) {
                throw Errors.invalid(path + "[" + i + "].key", "not a supported field selector key: \"" + r.key() + "\"");
            }
            if (r.op() != Requirement.Operator.IN && r.op() != Requirement.Operator.NOT_IN) {
                throw Errors.invalid(path + "[" + i + "].operator", "only In and NotIn are supported for fields");
            }
        }
        return out;
    }

    public boolean matches(Map<String, String> nodeLabels, String nodeName) {
        if (labels.isEmpty() && fields.isEmpty()) {
            return false;
        }
        for (Requirement r : labels) {
            if (!r.matches(nodeLabels)) {
                return false;
            }
        }
        if (!fields.isEmpty()) {
            Map<String, String> f = Map.of("metadata.name", nodeName);
            for (Requirement r : fields) {
                if (!r.matches(f)) {
                    return false;
                }
            }
        }
        return true;
    }
}
