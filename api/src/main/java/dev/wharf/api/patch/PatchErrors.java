package dev.wharf.api.patch;

import dev.wharf.api.ApiException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;

/** The Status errors patches fail with, worded as the Kubernetes API server words them. */
final class PatchErrors {
    private PatchErrors() {
    }

    /** A patch that cannot be decoded: 400. */
    static ApiException malformed(String why) {
        return ApiException.badRequest(why);
    }

    /** A JSON patch that decodes but does not apply (failed test, missing path): 422 with the reason as a cause. */
    static ApiException notApplicable(String why) {
        return new ApiException(new StatusBuilder().withApiVersion("v1").withKind("Status").withNewMetadata().endMetadata()
                .withStatus("Failure").withCode(422).withReason("Invalid")
                .withMessage("the server rejected our request due to an error in our request")
                .withDetails(new StatusDetailsBuilder().withCauses(new StatusCauseBuilder()
                        .withReason("UnexpectedServerResponse").withMessage(why).build()).build())
                .build());
    }
}
