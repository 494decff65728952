package dev.wharf.agent.pods;

import dev.wharf.common.Backoff;
import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.events.EventRecorder;
import dev.wharf.spi.image.Image;
import dev.wharf.spi.image.ImagePullException;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.ImageStore;
import dev.wharf.spi.image.PullEvent;
import dev.wharf.spi.image.PullPolicy;
import dev.wharf.spi.image.RegistryCredentials;
import dev.wharf.spi.image.RootFs;
import dev.wharf.spi.runtime.ImageRootfs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes a container's image present before it is created: pull policy, imagePullSecrets, the Pulling/Pulled
 * events, and on failure {@code ErrImagePull} followed by {@code ImagePullBackOff} (with the registry's message)
 * until the back-off allows the next attempt.
 */
final class ImagePuller {
    private final ImageStore images;
    private final ApiClient api;
    private final EventRecorder events;
    private final Clock clock;
    private final Backoff backoff;

    ImagePuller(ImageStore images, ApiClient api, EventRecorder events, Clock clock, Backoff backoff) {
        this.images = images;
        this.api = api;
        this.events = events;
        this.clock = clock;
        this.backoff = backoff;
    }

    /** True when {@code run.rootfs} is ready; otherwise {@code run.state} says why and the caller waits. */
    boolean ensure(Pod pod, Container c, ContainerRun run) {
        String image = c.getImage();
        long now = clock.nanoTime();
        if (run.pullError != null && now < run.pullBackoffUntil) {
            run.state = ContainerRun.waiting("ImagePullBackOff",
                    "Back-off pulling image \"" + image + "\": ErrImagePull: " + run.pullError);
            events.normal(pod, "BackOff", "Back-off pulling image \"" + image + "\"");
            return false;
        }
        ImageRef ref;
        PullPolicy policy;
        try {
            ref = ImageRef.parse(image);
            policy = PullPolicy.of(c.getImagePullPolicy(), ref);
        } catch (IllegalArgumentException e) {
            run.state = ContainerRun.waiting("InvalidImageName", e.getMessage());
            events.warning(pod, "InspectFailed", e.getMessage());
            return false;
        }
        long start = clock.nanoTime();
        try {
            boolean[] contacted = {false};
            Image img = images.pull(ref, policy, credentials(pod), event -> {
                if (event instanceof PullEvent.Resolving) {
                    contacted[0] = true;
                    events.normal(pod, "Pulling", "Pulling image \"" + image + "\"");
                }
            });
            if (!contacted[0]) {
                events.normal(pod, "Pulled", "Container image \"" + image + "\" already present on machine");
            } else {
                String took = seconds(clock.nanoTime() - start);
                events.normal(pod, "Pulled", "Successfully pulled image \"" + image + "\" in " + took + " ("
                        + took + " including waiting). Image size: " + img.size() + " bytes.");
            }
            RootFs rootfs = images.rootfs(ref);
            var cfg = rootfs.config();
            run.rootfs = new ImageRootfs(rootfs.layers(), cfg.entrypoint(), cfg.cmd(), cfg.env(), cfg.workingDir(), cfg.user());
            run.imageRef = image;
            run.imageId = img.repoDigests().isEmpty() ? img.id() : img.repoDigests().getFirst();
            run.pullFailures = 0;
            run.pullError = null;
            return true;
        } catch (ImagePullException e) {
            String reason = e.reason() == ImagePullException.Reason.ErrImageNeverPull ? "ErrImageNeverPull"
                    : e.reason() == ImagePullException.Reason.InvalidImageName ? "InvalidImageName" : "ErrImagePull";
            run.pullFailures++;
            run.pullError = e.getMessage();
            run.pullBackoffUntil = clock.nanoTime() + backoff.delay(run.pullFailures).toNanos();
            run.state = ContainerRun.waiting(reason, e.getMessage());
            events.warning(pod, "Failed", "Failed to pull image \"" + image + "\": " + e.getMessage());
            events.warning(pod, "Failed", "Error: " + reason);
            return false;
        }
    }

    private List<RegistryCredentials> credentials(Pod pod) {
        List<RegistryCredentials> out = new ArrayList<>();
        List<LocalObjectReference> refs = pod.getSpec().getImagePullSecrets();
        if (refs == null) {
            return out;
        }
        for (LocalObjectReference r : refs) {
            Secret s = api.get(Secret.class, pod.getMetadata().getNamespace(), r.getName());
            if (s == null || s.getData() == null) {
                continue;
            }
            Map<String, String> data = s.getData();
            String json = data.containsKey(".dockerconfigjson") ? data.get(".dockerconfigjson") : data.get(".dockercfg");
            if (json == null) {
                continue;
            }
            try {
                out.addAll(RegistryCredentials.fromDockerConfig(java.util.Base64.getDecoder().decode(json.trim())));
            } catch (IllegalArgumentException e) {
                events.warning(pod, "FailedToRetrieveImagePullSecret", "Unable to retrieve some image pull secrets ("
                        + r.getName() + "); attempting to pull the image may not succeed.");
            }
        }
        return out;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }
}
