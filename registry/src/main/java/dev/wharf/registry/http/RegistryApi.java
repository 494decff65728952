package dev.wharf.registry.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;

/** Dispatches a routed, authorised request to its endpoint. */
public final class RegistryApi {
    private final RegistryContext ctx;
    private final Guard guard;
    private final ManifestEndpoint manifests;
    private final BlobEndpoint blobs;
    private final UploadEndpoint uploads;
    private final ListingEndpoint listings;
    private final TokenEndpoint tokens;

    public RegistryApi(RegistryContext ctx) {
        this.ctx = ctx;
        this.guard = new Guard(ctx.access());
        this.manifests = new ManifestEndpoint(ctx);
        this.blobs = new BlobEndpoint(ctx);
        this.uploads = new UploadEndpoint(ctx);
        this.listings = new ListingEndpoint(ctx);
        this.tokens = new TokenEndpoint(ctx);
    }

    public RegistryContext context() {
        return ctx;
    }

    /** Checks access, then says where the body goes and how the answer is made. */
    public Exchange open(Request r) throws RegistryException, IOException {
        guard.check(r.route(), r.method(), r.identity(), r.baseUrl());
        HttpMethod m = r.method();
        boolean read = m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD);
        int limit = ctx.config().maxManifestBytes();
        return switch (r.route().kind()) {
            case BASE -> read ? Exchange.immediate(base()) : unsupported(r);
            case TOKEN -> read ? Exchange.immediate(tokens.token(r, guard)) : unsupported(r);
            case CATALOG -> read ? Exchange.immediate(listings.catalog(r)) : unsupported(r);
            case TAGS -> read ? Exchange.immediate(listings.tags(r)) : unsupported(r);
            case REFERRERS -> read ? Exchange.immediate(listings.referrers(r)) : unsupported(r);
            case MANIFEST -> read ? Exchange.immediate(manifests.get(r))
                    : m.equals(HttpMethod.PUT) ? Exchange.buffered(limit, body -> manifests.put(r, body))
                    : m.equals(HttpMethod.DELETE) ? Exchange.immediate(manifests.delete(r)) : unsupported(r);
            case BLOB -> read ? Exchange.immediate(blobs.get(r))
                    : m.equals(HttpMethod.DELETE) ? Exchange.immediate(blobs.delete(r)) : unsupported(r);
            case UPLOADS -> m.equals(HttpMethod.POST) ? uploads.post(r) : unsupported(r);
            case UPLOAD -> m.equals(HttpMethod.PATCH) ? uploads.patch(r)
                    : m.equals(HttpMethod.PUT) ? uploads.put(r)
                    : read ? Exchange.immediate(uploads.status(r))
                    : m.equals(HttpMethod.DELETE) ? Exchange.immediate(uploads.cancel(r)) : unsupported(r);
        };
    }

    private static Reply base() {
        var h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        return new Reply.Bytes(HttpResponseStatus.OK, h, "{}".getBytes());
    }

    private static Exchange unsupported(Request r) throws RegistryException {
        throw new RegistryException(ErrorCode.UNSUPPORTED, HttpResponseStatus.METHOD_NOT_ALLOWED,
                r.method() + " is not supported on " + r.route().kind().name().toLowerCase());
    }
}
