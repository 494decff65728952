package dev.wharf.api;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.util.List;

/**
 * A failure the API reports as a Kubernetes {@code Status}: thrown by validation, the apiserver and
 * clients alike, so that every layer speaks the same error language.
 */
public class ApiException extends RuntimeException {
    private final transient Status status;

    public ApiException(Status status) {
        super(status.getMessage());
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.getCode() == null ? 500 : status.getCode();
    }

    public String reason() {
        return status.getReason();
    }

    public static ApiException of(int code, String reason, String message) {
        return new ApiException(new StatusBuilder().withApiVersion("v1").withKind("Status")
                .withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
                .withNewMetadata().endMetadata().build());
    }

    /** 404: {@code deployments.apps "web" not found}. */
    public static ApiException notFound(String qualifiedResource, String group, String name) {
        return withDetails(404, "NotFound", qualifiedResource + " \"" + name + "\" not found", group, kindOf(qualifiedResource), name, List.of());
    }

    /** 409: {@code deployments.apps "web" already exists}. */
    public static ApiException alreadyExists(String qualifiedResource, String group, String name) {
        return withDetails(409, "AlreadyExists", qualifiedResource + " \"" + name + "\" already exists", group, kindOf(qualifiedResource), name, List.of());
    }

    /** 409 on a stale resourceVersion, worded as Kubernetes words it. */
    public static ApiException conflict(String qualifiedResource, String group, String name, String why) {
        return withDetails(409, "Conflict", "Operation cannot be fulfilled on " + qualifiedResource + " \"" + name + "\": " + why,
                group, kindOf(qualifiedResource), name, List.of());
    }

    /** 422 with one cause per bad field. Kind is e.g. "Deployment"; the message lists the causes. */
    public static ApiException invalid(String kind, String group, String name, List<StatusCause> causes) {
        StringBuilder msg = new StringBuilder(kind + (group.isEmpty() ? "" : "." + group) + " \"" + name + "\" is invalid: ");
        if (causes.size() > 1) {
            msg.append("[");
        }
        for (int i = 0; i < causes.size(); i++) {
            if (i > 0) {
                msg.append(", ");
            }
            StatusCause c = causes.get(i);
            msg.append(c.getField()).append(": ").append(c.getMessage());
        }
        if (causes.size() > 1) {
            msg.append("]");
        }
        return withDetails(422, "Invalid", msg.toString(), group, kind, name, causes);
    }

    public static ApiException badRequest(String message) {
        return of(400, "BadRequest", message);
    }

    public static ApiException methodNotAllowed(String message) {
        return of(405, "MethodNotAllowed", message);
    }

    public static ApiException unsupportedMediaType(String contentType) {
        return of(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got " + contentType + ")");
    }

    public static ApiException gone(String message) {
        return of(410, "Expired", message);
    }

    public static ApiException unauthorized() {
        return of(401, "Unauthorized", "Unauthorized");
    }

    public static ApiException internal(String message) {
        return of(500, "InternalError", message);
    }

    private static ApiException withDetails(int code, String reason, String message, String group, String kind, String name,
            List<StatusCause> causes) {
        return new ApiException(new StatusBuilder().withApiVersion("v1").withKind("Status")
                .withNewMetadata().endMetadata()
                .withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
                .withDetails(new StatusDetailsBuilder().withName(name).withGroup(group.isEmpty() ? null : group)
                        .withKind(kind).withCauses(causes.isEmpty() ? null : causes).build())
                .build());
    }

    private static String kindOf(String qualifiedResource) {
        int dot = qualifiedResource.indexOf('.');
        return dot < 0 ? qualifiedResource : qualifiedResource.substring(0, dot);
    }
}
