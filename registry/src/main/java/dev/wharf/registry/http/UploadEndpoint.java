package dev.wharf.registry.http;

import dev.wharf.registry.auth.Action;
import dev.wharf.registry.storage.Digest;
import dev.wharf.registry.storage.UploadSession;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob uploads: POST (session, monolithic with {@code ?digest=}, or cross-repository mount), PATCH chunks,
 * GET status, PUT to complete, DELETE to cancel. Bodies stream into the session's file.
 */
final class UploadEndpoint {
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)(?:/(?:\\d+|\\*))?");
    private final RegistryContext ctx;

    UploadEndpoint(RegistryContext ctx) {
        this.ctx = ctx;
    }

    /** POST: a mount answers at once; otherwise a session whose body (monolithic upload) streams into it. */
    Exchange post(Request r) throws RegistryException, IOException {
        String mount = r.param("mount");
        String from = r.param("from");
        if (mount != null && from != null) {
            Digest d = RegistryContext.digest(mount);
            boolean mayRead = Route.NAME.matcher(from).matches() && r.identity().allowed(from).contains(Action.PULL);
            if (mayRead && ctx.repos().hasBlob(from, d) && ctx.blobs().exists(d)) {
                ctx.repos().linkBlob(r.name(), d);
                return Exchange.immediate(created(r.name(), d));
            }
        }
        String digest = r.param("digest");
        UploadSession s = ctx.uploads().start(r.name());
        if (digest == null) {
            return Exchange.buffered(0, body -> accepted(s));
        }
        Digest expected = RegistryContext.digest(digest);
        return Exchange.upload(s, () -> complete(s, expected, r.name()));
    }

    private UploadSession session(Request r) throws RegistryException {
        return ctx.uploads().get(r.name(), r.reference()).orElseThrow(() ->
                new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + r.reference() + " not found"));
    }

    Exchange patch(Request r) throws RegistryException {
        UploadSession s = session(r);
        checkRange(r, s);
        return Exchange.upload(s, () -> accepted(s));
    }

    Exchange put(Request r) throws RegistryException {
        UploadSession s = session(r);
        String digest = r.param("digest");
        if (digest == null) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "PUT to complete an upload needs ?digest=");
        }
        Digest expected = RegistryContext.digest(digest);
        checkRange(r, s);
        return Exchange.upload(s, () -> complete(s, expected, r.name()));
    }

    Reply status(Request r) throws RegistryException {
        UploadSession s = session(r);
        Reply.Bytes reply = accepted(s);
        return new Reply.Bytes(HttpResponseStatus.NO_CONTENT, reply.headers(), new byte[0]);
    }

    Reply cancel(Request r) throws RegistryException, IOException {
        ctx.uploads().cancel(session(r));
        return Reply.empty(HttpResponseStatus.NO_CONTENT);
    }

    /** A chunk must start where the upload ends; otherwise 416 with the current range. */
    private void checkRange(Request r, UploadSession s) throws RegistryException {
        String cr = r.headers().get(HttpHeaderNames.CONTENT_RANGE);
        if (cr == null) {
            return;
        }
        Matcher m = CONTENT_RANGE.matcher(cr.trim());
        long size = s.size();
        if (!m.matches() || Long.parseLong(m.group(1)) != size || Long.parseLong(m.group(2)) < size) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "chunk " + cr + " does not start at " + size)
                    .header(HttpHeaderNames.RANGE, "0-" + Math.max(0, size - 1))
                    .header(HttpHeaderNames.LOCATION, location(s))
                    .header("Docker-Upload-UUID", s.id());
        }
    }

    private Reply.Bytes complete(UploadSession s, Digest expected, String name) throws RegistryException, IOException {
        if (!ctx.uploads().complete(s, expected)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "uploaded content does not have digest " + expected);
        }
        ctx.repos().linkBlob(name, expected);
        return created(name, expected);
    }

    private static Reply.Bytes created(String name, Digest d) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.LOCATION, "/v2/" + name + "/blobs/" + d);
        h.set("Docker-Content-Digest", d.toString());
        return new Reply.Bytes(HttpResponseStatus.CREATED, h, new byte[0]);
    }

    private static Reply.Bytes accepted(UploadSession s) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.LOCATION, location(s));
        h.set(HttpHeaderNames.RANGE, "0-" + Math.max(0, s.size() - 1));
        h.set("Docker-Upload-UUID", s.id());
        return new Reply.Bytes(HttpResponseStatus.ACCEPTED, h, new byte[0]);
    }

    private static String location(UploadSession s) {
        return "/v2/" + s.repository() + "/blobs/uploads/" + s.id();
    }
}
