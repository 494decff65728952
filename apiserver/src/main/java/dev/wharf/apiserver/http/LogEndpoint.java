package dev.wharf.apiserver.http;

import dev.wharf.apiserver.rest.PodLogSource;
import dev.wharf.apiserver.rest.ResourceService;
import java.io.InputStream;
import java.util.Map;

/** pods/log: text/plain, whole when not following, a chunked stream flushed per read with {@code follow=true}. */
public final class LogEndpoint {
    private final ResourceService service;

    public LogEndpoint(ResourceService service) {
        this.service = service;
    }

    public void log(String namespace, String name, HttpRequest req, Responder r) throws Exception {
        boolean follow = req.flag("follow");
        PodLogSource.LogOptions options = new PodLogSource.LogOptions(req.param("container"), follow,
                req.longParam("tailLines"), req.flag("timestamps"), req.longParam("sinceSeconds"), req.flag("previous"),
                req.longParam("limitBytes"));
        try (InputStream in = service.pods().log(namespace, name, options)) {
            if (!follow) {
                r.full(200, "text/plain", in.readAllBytes(), Map.of());
                return;
            }
            try (Responder.Stream stream = r.stream(200, "text/plain")) {
                byte[] buf = new byte[8192];
                int n;
                while (stream.isOpen() && (n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        stream.write(java.util.Arrays.copyOf(buf, n));
                    }
                }
            } catch (java.io.IOException clientGoneOrSourceFailed) {
                // the stream has started: all that is left is to end it
            }
        }
    }
}
