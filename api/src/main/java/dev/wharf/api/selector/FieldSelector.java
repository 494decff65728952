package dev.wharf.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A field selector ("metadata.name=web,status.phase!=Running") over the fields each kind supports
 * (metadata.name and metadata.namespace everywhere; spec.nodeName, status.phase for pods;
 * involvedObject.* for events...).
 */
public interface FieldSelector {
    boolean matches(JsonNode object);

    /** The terms, all of which must hold. */
    default List<Term> terms() {
        return List.of();
    }

    /** The value {@code field} must equal, when the selector pins it ("metadata.name=web"): lets a store skip a scan. */
    default Optional<String> exactValue(String field) {
        for (Term t : terms()) {
            if (t.field().equals(field) && !t.negated()) {
                return Optional.of(t.value());
            }
        }
        return Optional.empty();
    }

    /** Throws ApiException 400 naming the field when {@code type} does not support it. Empty or null matches all. */
    static FieldSelector parse(ResourceType type, String selector) {
        if (selector == null || selector.isBlank()) {
            return new Terms(List.of());
        }
        List<Term> terms = new ArrayList<>();
        for (String part : SelectableFields.splitTerms(selector)) {
            if (part.isBlank()) {
                continue;
            }
            terms.add(Term.parse(part));
        }
        for (Term t : terms) {
            if (!SelectableFields.supports(type, t.field())) {
                throw ApiException.badRequest("field label not supported: " + t.field());
            }
        }
        return new Terms(terms);
    }

    /** One "field=value" or "field!=value" term. */
    record Term(String field, boolean negated, String value) {
        static Term parse(String text) {
            int ne = SelectableFields.indexOfUnescaped(text, "!=");
            if (ne >= 0) {
                return new Term(text.substring(0, ne).trim(), true, SelectableFields.unescape(text.substring(ne + 2)));
            }
            int eq = SelectableFields.indexOfUnescaped(text, "==");
            if (eq >= 0) {
                return new Term(text.substring(0, eq).trim(), false, SelectableFields.unescape(text.substring(eq + 2)));
            }
            int single = SelectableFields.indexOfUnescaped(text, "=");
            if (single >= 0) {
                return new Term(text.substring(0, single).trim(), false, SelectableFields.unescape(text.substring(single + 1)));
            }
            throw ApiException.badRequest("invalid selector: '" + text + "'; can't understand '" + text + "'");
        }

        boolean matches(String actual) {
            return negated != actual.equals(value);
        }

        @Override
        public String toString() {
            return field + (negated ? "!=" : "=") + value;
        }
    }

    /** A conjunction of terms. */
    record Terms(List<Term> terms) implements FieldSelector {
        public Terms {
            terms = List.copyOf(terms);
        }

        @Override
        public boolean matches(JsonNode object) {
            for (Term t : terms) {
                if (!t.matches(SelectableFields.value(object, t.field()))) {
                    return false;
                }
            }
            return true;
        }
    }
}
