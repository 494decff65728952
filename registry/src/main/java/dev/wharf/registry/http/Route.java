package dev.wharf.registry.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a {@code /v2/...} path points: the endpoint kind, the repository name and the reference. */
public record Route(Kind kind, String name, String reference) {
    public enum Kind { BASE, TOKEN, CATALOG, TAGS, MANIFEST, BLOB, UPLOADS, UPLOAD, REFERRERS }

    /** The spec's repository name grammar: path components of lowercase alphanumerics and separators. */
    public static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    public static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
    private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/([^/]+)$");
    private static final Pattern UPLOADS = Pattern.compile("^/v2/(.+)/blobs/uploads/?$");
    private static final Pattern UPLOAD = Pattern.compile("^/v2/(.+)/blobs/uploads/([^/]+)$");
    private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");
    private static final Pattern REFERRERS = Pattern.compile("^/v2/(.+)/referrers/([^/]+)$");

    /** Parses a decoded path; throws NAME_INVALID for a bad repository name, null for no route. */
    public static Route parse(String path) throws RegistryException {
        if (path.equals("/v2") || path.equals("/v2/")) {
            return new Route(Kind.BASE, null, null);
        }
        if (path.equals("/v2/token")) {
            return new Route(Kind.TOKEN, null, null);
        }
        if (path.equals("/v2/_catalog")) {
            return new Route(Kind.CATALOG, null, null);
        }
        Matcher m;
        if ((m = UPLOAD.matcher(path)).matches()) {
            return named(Kind.UPLOAD, m);
        }
        if ((m = UPLOADS.matcher(path)).matches()) {
            return checked(new Route(Kind.UPLOADS, m.group(1), null));
        }
        if ((m = MANIFEST.matcher(path)).matches()) {
            return named(Kind.MANIFEST, m);
        }
        if ((m = BLOB.matcher(path)).matches()) {
            return named(Kind.BLOB, m);
        }
        if ((m = TAGS.matcher(path)).matches()) {
            return checked(new Route(Kind.TAGS, m.group(1), null));
        }
        if ((m = REFERRERS.matcher(path)).matches()) {
            return named(Kind.REFERRERS, m);
        }
        return null;
    }

    private static Route named(Kind kind, Matcher m) throws RegistryException {
        return checked(new Route(kind, m.group(1), m.group(2)));
    }

    private static Route checked(Route r) throws RegistryException {
        if (r.name.length() > 255 || !NAME.matcher(r.name).matches()) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "invalid repository name: " + r.name);
        }
        return r;
    }
}
