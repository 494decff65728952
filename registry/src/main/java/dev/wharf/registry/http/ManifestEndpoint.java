package dev.wharf.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.Json;
import dev.wharf.registry.manifest.Descriptor;
import dev.wharf.registry.manifest.MediaTypes;
import dev.wharf.registry.manifest.ParsedManifest;
import dev.wharf.registry.storage.Digest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** GET/HEAD/PUT/DELETE {@code /v2/<name>/manifests/<reference>}, by tag or digest. */
final class ManifestEndpoint {
    private final RegistryContext ctx;

    ManifestEndpoint(RegistryContext ctx) {
        this.ctx = ctx;
    }

    private Digest resolve(Request r) throws RegistryException {
        String ref = r.reference();
        Optional<Digest> d;
        if (Digest.looksLikeDigest(ref)) {
            d = Optional.of(RegistryContext.digest(ref));
        } else {
            if (!Route.TAG.matcher(ref).matches()) {
                throw new RegistryException(ErrorCode.MANIFEST_INVALID, "invalid tag: " + ref);
            }
            d = ctx.repos().resolveTag(r.name(), ref);
        }
        if (d.isEmpty() || ctx.repos().manifestType(r.name(), d.get()).isEmpty()) {
            if (!ctx.repos().exists(r.name())) {
                throw new RegistryException(ErrorCode.NAME_UNKNOWN, "repository " + r.name() + " not known to registry");
            }
            throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + ref + " not found in " + r.name());
        }
        return d.get();
    }

    Reply get(Request r) throws RegistryException {
        Digest d = resolve(r);
        String type = ctx.repos().manifestType(r.name(), d).orElseThrow();
        List<String> accepted = accepted(r.headers());
        if (MediaTypes.isIndex(type) && !accepted.isEmpty() && !accepted.contains(type) && !accepted.contains("*/*")
                && !(accepted.contains(MediaTypes.OCI_INDEX) || accepted.contains(MediaTypes.DOCKER_LIST))) {
            throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN,
                    "manifest " + r.reference() + " is an index (" + type + ") and the client accepts none");
        }
        byte[] body = ctx.blobs().read(d).orElseThrow(() ->
                new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest content of " + d + " is missing"));
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.CONTENT_TYPE, type);
        h.set("Docker-Content-Digest", d.toString());
        h.set(HttpHeaderNames.ETAG, "\"" + d + "\"");
        if (r.head()) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            return new Reply.Bytes(HttpResponseStatus.OK, h, new byte[0]);
        }
        return new Reply.Bytes(HttpResponseStatus.OK, h, body);
    }

    /** Every media type named by every Accept header (clients send several headers). */
    static List<String> accepted(HttpHeaders headers) {
        List<String> out = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaderNames.ACCEPT)) {
            for (String part : value.split(",")) {
                String t = MediaTypes.bare(part);
                if (t != null && !t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    Reply put(Request r, byte[] body) throws RegistryException, IOException {
        String ref = r.reference();
        ParsedManifest m;
        try {
            m = ParsedManifest.parse(body, r.headers().get(HttpHeaderNames.CONTENT_TYPE));
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, e.getMessage());
        }
        Digest digest = Digest.of(body);
        boolean byDigest = Digest.looksLikeDigest(ref);
        if (byDigest && !RegistryContext.digest(ref).equals(digest)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "manifest digest is " + digest + ", not " + ref);
        }
        if (!byDigest && !Route.TAG.matcher(ref).matches()) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "invalid tag: " + ref);
        }
        for (Descriptor b : m.blobs()) {
            if (!ctx.blobs().exists(b.digest())) {
                throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "blob " + b.digest() + " is not in the registry");
            }
        }
        for (Descriptor c : m.children()) {
            if (ctx.repos().manifestType(r.name(), c.digest()).isEmpty()) {
                throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN,
                        "manifest " + c.digest() + " is not in repository " + r.name());
            }
        }
        ctx.blobs().put(body);
        for (Descriptor b : m.blobs()) {
            ctx.repos().linkBlob(r.name(), b.digest());
        }
        ctx.repos().putManifest(r.name(), digest, m.mediaType());
        if (!byDigest) {
            ctx.repos().tag(r.name(), ref, digest);
        }
        HttpHeaders h = new DefaultHttpHeaders();
        if (m.subject().isPresent()) {
            ObjectNode desc = Json.object().put("mediaType", m.mediaType()).put("digest", digest.toString())
                    .put("size", body.length);
            m.artifactType().ifPresent(t -> desc.put("artifactType", t));
            if (m.annotations() != null && m.annotations().isObject()) {
                desc.set("annotations", m.annotations());
            }
            ctx.repos().addReferrer(r.name(), m.subject().get().digest(), digest, Json.string(desc));
            h.set("OCI-Subject", m.subject().get().digest().toString());
        }
        h.set(HttpHeaderNames.LOCATION, "/v2/" + r.name() + "/manifests/" + digest);
        h.set("Docker-Content-Digest", digest.toString());
        return new Reply.Bytes(HttpResponseStatus.CREATED, h, new byte[0]);
    }

    Reply delete(Request r) throws RegistryException, IOException {
        String ref = r.reference();
        if (!Digest.looksLikeDigest(ref)) {
            if (!ctx.repos().untag(r.name(), ref)) {
                throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "tag " + ref + " not found in " + r.name());
            }
            return Reply.empty(HttpResponseStatus.ACCEPTED);
        }
        Digest d = RegistryContext.digest(ref);
        if (!ctx.repos().deleteManifest(r.name(), d)) {
            throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + ref + " not found in " + r.name());
        }
        return Reply.empty(HttpResponseStatus.ACCEPTED);
    }
}
