package dev.wharf.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.ApiException;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
    @Test
    void invalidAnswersListEachCauseAfterTheContext() {
        ApiException invalid = ApiException.invalid("Deployment", "apps", "Bad_Name", List.of(
                new StatusCauseBuilder().withField("metadata.name").withReason("FieldValueInvalid")
                        .withMessage("Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters").build(),
                new StatusCauseBuilder().withField("spec.template.spec.containers[0].image").withReason("FieldValueRequired")
                        .withMessage("Required value").build()));

        String message = ApiErrors.explain(new KubernetesClientException(invalid.status()), "https://127.0.0.1:6443",
                "error when applying \"app.yaml\" (document 2)").getMessage();

        assertThat(message).startsWith("Error from server (Invalid): error when applying \"app.yaml\" (document 2): "
                + "Deployment.apps \"Bad_Name\" is invalid: [metadata.name: Invalid value");
        assertThat(message.lines().toList()).contains(
                "  * metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters",
                "  * spec.template.spec.containers[0].image: Required value");
    }

    @Test
    void notFoundReadsLikeKubectl() {
        ApiException notFound = ApiException.notFound("deployments.apps", "apps", "web");

        assertThat(ApiErrors.explain(new KubernetesClientException(notFound.status()), "u", null).getMessage())
                .isEqualTo("Error from server (NotFound): deployments.apps \"web\" not found");
    }

    @Test
    void connectionRefusedAsksWhetherWharfDevRuns() {
        KubernetesClientException refused = new KubernetesClientException("failed", new ConnectException("Connection refused"));

        assertThat(ApiErrors.explain(refused, "https://127.0.0.1:6443", null).getMessage())
                .startsWith("cannot reach the Wharf API at https://127.0.0.1:6443: is `wharf dev` running?");
    }

    @Test
    void nonStatusBodiesBecomeAStatusWithTheHttpReason() {
        KubernetesClientException e = RawApi.failure("/api/v1/x", 404, "404 page not found");

        assertThat(e.getCode()).isEqualTo(404);
        assertThat(ApiErrors.explain(e, "u", null).getMessage()).isEqualTo("Error from server (NotFound): 404 page not found");
    }

    @Test
    void unauthorizedSaysWhichCredentialsToUse() {
        KubernetesClientException e = new KubernetesClientException(ApiException.unauthorized().status());

        assertThat(ApiErrors.explain(e, "u", null).getMessage()).startsWith("Error from server (Unauthorized): Unauthorized\n")
                .contains("--kubeconfig ~/.wharf/kubeconfig");
    }
}
