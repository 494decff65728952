package dev.wharf.spi.store.support;

import java.util.Comparator;

/**
 * Key order and prefix bounds shared by every Store implementation. Keys sort by Unicode code point, which is the
 * byte order of their UTF-8 encoding: the order of etcd (bytes) and of SQLite's BINARY collation on TEXT.
 */
public final class Keys {
    /** Code point order (UTF-8 byte order); differs from {@link String#compareTo} only beyond the BMP. */
    public static final Comparator<String> ORDER = Keys::compare;

    private Keys() {
    }

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}, or null when there is none (the empty
     * prefix, or a prefix made only of U+10FFFF). Keys under the prefix are exactly {@code prefix <= key < end}.
     */
    public static String prefixEnd(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int cp = prefix.codePointBefore(end);
            int start = end - Character.charCount(cp);
            if (cp < Character.MAX_CODE_POINT) {
                int next = cp + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : cp + 1;
                return prefix.substring(0, start) + Character.toString(next);
            }
            end = start;
        }
        return null;
    }

    /** Rejects a null prefix (the empty prefix means every key). */
    public static void checkPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("store prefix must not be null (use \"\" for every key)");
        }
    }

    /** Rejects keys that no backend can store. */
    public static void check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("store key must be a non-empty string");
        }
    }
}
