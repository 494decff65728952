package dev.wharf.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.defaults.Defaults;
import dev.wharf.api.patch.ServerSideApply;
import dev.wharf.api.resource.ResourceType;
import dev.wharf.api.schema.OpenApi;
import dev.wharf.api.validation.Validation;
import dev.wharf.apiserver.registry.Meta;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.time.Instant;
import java.util.List;

/** The checks every write passes, in Kubernetes' order: unknown fields, defaulting, validation, field ownership. */
public final class Admission {
    private final OpenApi openApi;

    public Admission(OpenApi openApi) {
        this.openApi = openApi;
    }

    /** fieldValidation: Strict rejects unknown fields (400), Warn adds a warning per field, Ignore does nothing. */
    public void checkUnknownFields(ResourceType type, ObjectNode object, WriteOptions options) {
        String mode = options.fieldValidation();
        if ("Ignore".equalsIgnoreCase(mode)) {
            return;
        }
        List<String> unknown = openApi.unknownFields(type, object);
        if (unknown.isEmpty()) {
            return;
        }
        if ("Strict".equalsIgnoreCase(mode)) {
            StringBuilder sb = new StringBuilder();
            for (String field : unknown) {
                sb.append(sb.isEmpty() ? "" : ", ").append("unknown field \"").append(strip(field)).append('"');
            }
            throw ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": strict decoding error: " + sb);
        }
        for (String field : unknown) {
            options.warnings().add("unknown field \"" + strip(field) + "\"");
        }
    }

    public void defaults(ResourceType type, ObjectNode object) {
        Defaults.apply(type, object);
    }

    /** 422 Invalid with one cause per bad field. */
    public void validate(ResourceType type, ObjectNode object, ObjectNode old) {
        List<StatusCause> causes = Validation.validate(type, object, old);
        if (!causes.isEmpty()) {
            throw ApiException.invalid(type.kind(), type.group(), Meta.name(object), causes);
        }
    }

    public void recordUpdate(ResourceType type, ObjectNode before, ObjectNode after, String manager, String subresource,
            Instant now) {
        ServerSideApply.recordUpdate(type, before, after, manager, subresource, now);
    }

    private static String strip(String field) {
        return field.startsWith(".") ? field.substring(1) : field;
    }
}
