package dev.wharf.cli.http;

import dev.wharf.cli.CliException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * Turns what the client throws into sentences a user reads, in kubectl's words:
 * {@code Error from server (NotFound): deployments.apps "web" not found}, with one line per cause of an Invalid
 * answer, and {@code cannot reach the Wharf API at URL: is `wharf dev` running?} when nothing listens.
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    /** {@code context} (e.g. {@code error when applying "app.yaml" (document 2)}) goes before the server's message. */
    public static CliException explain(Throwable error, String serverUrl, String context) {
        Throwable unreachable = unreachable(error);
        if (unreachable != null) {
            return new CliException("cannot reach the Wharf API at " + serverUrl + ": is `wharf dev` running? ("
                    + describe(unreachable) + ")", error);
        }
        Throwable tls = find(error, SSLException.class);
        if (tls != null) {
            return new CliException("the TLS handshake with " + serverUrl + " failed: " + tls.getMessage()
                    + " (does the kubeconfig's certificate-authority-data belong to this server?)", error);
        }
        if (error instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            String hint = k.getCode() == 401 ? "\n(the server refused the kubeconfig's credentials: use the kubeconfig that"
                    + " `wharf dev` wrote for this server, e.g. --kubeconfig ~/.wharf/kubeconfig)" : "";
            return new CliException(fromServer(k.getStatus(), context) + hint, error);
        }
        String prefix = context == null ? "" : context + ": ";
        return new CliException("error: " + prefix + (error.getMessage() == null ? error.toString() : error.getMessage()), error);
    }

    /** {@code Error from server (Reason): [context: ]message}, then {@code   * field: message} per cause. */
    public static String fromServer(Status status, String context) {
        StringBuilder text = new StringBuilder("Error from server");
        String reason = status.getReason() != null && !status.getReason().isEmpty() ? status.getReason()
                : status.getCode() == null ? "" : reasonOf(status.getCode());
        if (!reason.isEmpty()) {
            text.append(" (").append(reason).append(")");
        }
        text.append(": ");
        if (context != null) {
            text.append(context).append(": ");
        }
        text.append(status.getMessage());
        java.util.List<StatusCause> causes = status.getDetails() == null || status.getDetails().getCauses() == null
                ? java.util.List.of() : status.getDetails().getCauses();
        // One cause already spelled out in the message is not repeated; several are listed one per line.
        boolean listed = causes.size() > 1 || causes.stream().anyMatch(c -> !String.valueOf(status.getMessage())
                .contains(String.valueOf(c.getMessage())));
        if (listed) {
            for (StatusCause cause : causes) {
                text.append("\n  * ");
                if (cause.getField() != null && !cause.getField().isEmpty()) {
                    text.append(cause.getField()).append(": ");
                }
                text.append(cause.getMessage());
            }
        }
        return text.toString();
    }

    /** The Status reason Kubernetes uses for an HTTP code. */
    public static String reasonOf(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            default -> code >= 500 ? "InternalError" : "";
        };
    }

    public static boolean isNotFound(Throwable error) {
        return error instanceof KubernetesClientException k && k.getCode() == 404;
    }

    private static Throwable unreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnresolvedAddressException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static Throwable find(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? "connection refused" : message;
    }
}
