package dev.wharf.spi.image;

/**
 * A pull that failed. The message carries the registry's own error (code and message) verbatim, so that the
 * agent can put it in the container's {@code ErrImagePull} status message.
 */
public class ImagePullException extends RuntimeException {
    /** Why, in Kubernetes' words. */
    public enum Reason { ErrImagePull, ErrImageNeverPull, InvalidImageName }

    private final Reason reason;
    private final int httpStatus;

    public ImagePullException(Reason reason, String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    public ImagePullException(String message) {
        this(Reason.ErrImagePull, message, 0, null);
    }

    public ImagePullException(String message, Throwable cause) {
        this(Reason.ErrImagePull, message, 0, cause);
    }

    public Reason reason() {
        return reason;
    }

    /** The registry's HTTP status when the failure came from a response, else 0. */
    public int httpStatus() {
        return httpStatus;
    }
}
