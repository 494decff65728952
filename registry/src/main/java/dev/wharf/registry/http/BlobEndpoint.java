package dev.wharf.registry.http;

import dev.wharf.registry.storage.Digest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GET/HEAD (with Range) and DELETE of {@code /v2/<name>/blobs/<digest>}. */
final class BlobEndpoint {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private final RegistryContext ctx;

    BlobEndpoint(RegistryContext ctx) {
        this.ctx = ctx;
    }

    private long sizeInRepo(String name, Digest d) throws RegistryException {
        var size = ctx.repos().hasBlob(name, d) || ctx.repos().manifestType(name, d).isPresent()
                ? ctx.blobs().size(d) : java.util.Optional.<Long>empty();
        if (size.isEmpty()) {
            throw new RegistryException(ErrorCode.BLOB_UNKNOWN, "blob " + d + " not found in " + name);
        }
        return size.get();
    }

    Reply get(Request r) throws RegistryException {
        Digest d = RegistryContext.digest(r.reference());
        long size = sizeInRepo(r.name(), d);
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        h.set("Docker-Content-Digest", d.toString());
        h.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        h.set(HttpHeaderNames.ETAG, "\"" + d + "\"");
        h.set(HttpHeaderNames.CACHE_CONTROL, "max-age=31536000");
        long start = 0;
        long end = size - 1;
        HttpResponseStatus status = HttpResponseStatus.OK;
        String range = r.headers().get(HttpHeaderNames.RANGE);
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                throw rangeInvalid(range, size);
            }
            if (m.group(1).isEmpty()) {
                start = Math.max(0, size - Long.parseLong(m.group(2)));
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
            if (start >= size || start > end) {
                throw rangeInvalid(range, size);
            }
            status = HttpResponseStatus.PARTIAL_CONTENT;
            h.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
        }
        long length = end - start + 1;
        if (r.head()) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, length);
            return new Reply.Bytes(status, h, new byte[0]);
        }
        return new Reply.FileRegion(status, h, ctx.blobs().path(d), start, length);
    }

    private static RegistryException rangeInvalid(String range, long size) {
        return new RegistryException(ErrorCode.BLOB_UNKNOWN, HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                "range " + range + " not satisfiable").header(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
    }

    Reply delete(Request r) throws RegistryException, IOException {
        Digest d = RegistryContext.digest(r.reference());
        if (!ctx.repos().unlinkBlob(r.name(), d)) {
            throw new RegistryException(ErrorCode.BLOB_UNKNOWN, "blob " + d + " not found in " + r.name());
        }
        HttpHeaders h = new DefaultHttpHeaders();
        h.set("Docker-Content-Digest", d.toString());
        return new Reply.Bytes(HttpResponseStatus.ACCEPTED, h, new byte[0]);
    }
}
