package dev.wharf.registry.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest {@code sha256:<64 hex>}; the only algorithm Wharf stores. */
public record Digest(String hex) implements Comparable<Digest> {
    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a sha256 hex digest: " + hex);
        }
    }

    /** Parses {@code sha256:<hex>}; throws IllegalArgumentException for anything else. */
    public static Digest parse(String text) {
        if (text == null || !text.startsWith("sha256:")) {
            throw new IllegalArgumentException("unsupported digest (only sha256:<hex>): " + text);
        }
        return new Digest(text.substring("sha256:".length()));
    }

    public static boolean looksLikeDigest(String text) {
        return text != null && text.contains(":");
    }

    public static Digest of(byte[] content) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(content)));
    }

    public static Digest of(String content) {
        return of(content.getBytes(StandardCharsets.UTF_8));
    }

    public static Digest of(MessageDigest finished) {
        return new Digest(HexFormat.of().formatHex(finished.digest()));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int compareTo(Digest o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
