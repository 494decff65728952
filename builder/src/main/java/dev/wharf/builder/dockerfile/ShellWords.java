package dev.wharf.builder.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Docker's variable substitution and quote removal for instruction arguments: {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:+alt}}, {@code ${VAR+alt}}, {@code ${VAR:?msg}};
 * single quotes are literal, double quotes expand, the escape character quotes the next character.
 * The lookup returns null for an unset variable.
 */
public final class ShellWords {
    private final char escape;
    private final Function<String, String> lookup;

    public ShellWords(char escape, Function<String, String> lookup) {
        this.escape = escape;
        this.lookup = lookup;
    }

    /** One word: substitution and quote removal over the whole text (whitespace kept). */
    public String word(String text) {
        return new Scan(text).run(false).getFirst();
    }

    /** Words split on unquoted whitespace, each substituted. */
    public List<String> words(String text) {
        return new Scan(text).run(true);
    }

    private final class Scan {
        private final String s;
        private int i;

        Scan(String s) {
            this.s = s;
        }

        List<String> run(boolean split) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean any = false;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (split && Character.isWhitespace(c)) {
                    if (any) {
                        out.add(cur.toString());
                        cur.setLength(0);
                        any = false;
                    }
                    i++;
                    continue;
                }
                any = true;
                if (c == escape) {
                    i++;
                    if (i < s.length()) {
                        cur.append(s.charAt(i++));
                    }
                } else if (c == '\'') {
                    int end = s.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unexpected end of statement while looking for matching single-quote");
                    }
                    cur.append(s, i + 1, end);
                    i = end + 1;
                } else if (c == '"') {
                    i++;
                    doubleQuoted(cur);
                } else if (c == '$') {
                    cur.append(dollar());
                } else {
                    cur.append(c);
                    i++;
                }
            }
            if (any || !split) {
                out.add(cur.toString());
            }
            return out;
        }

        private void doubleQuoted(StringBuilder cur) {
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unexpected end of statement while looking for matching double-quote");
                }
                char c = s.charAt(i);
                if (c == '"') {
                    i++;
                    return;
                }
                if (c == '$') {
                    cur.append(dollar());
                } else if (c == escape && i + 1 < s.length() && "\"$`\\".indexOf(s.charAt(i + 1)) >= 0) {
                    cur.append(s.charAt(i + 1));
                    i += 2;
                } else {
                    cur.append(c);
                    i++;
                }
            }
        }

        /** At a '$': returns the expansion and advances. */
        private String dollar() {
            i++;
            if (i >= s.length()) {
                return "$";
            }
            char c = s.charAt(i);
            if (c == '{') {
                return braced();
            }
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (start == i) {
                return "$";
            }
            String v = lookup.apply(s.substring(start, i));
            return v == null ? "" : v;
        }

        private String braced() {
            i++;
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            String name = s.substring(start, i);
            if (name.isEmpty() || i >= s.length()) {
                throw new IllegalArgumentException("bad substitution: ${" + s.substring(start));
            }
            String value = lookup.apply(name);
            if (s.charAt(i) == '}') {
                i++;
                return value == null ? "" : value;
            }
            boolean colon = s.charAt(i) == ':';
            if (colon) {
                i++;
            }
            char op = i < s.length() ? s.charAt(i) : 0;
            if (op != '-' && op != '+' && op != '?') {
                throw new IllegalArgumentException("unsupported modifier in ${" + name + "...}: only :- - :+ + :? ? are supported");
            }
            i++;
            String word = modifierWord();
            boolean set = colon ? value != null && !value.isEmpty() : value != null;
            return switch (op) {
                case '-' -> set ? value : word;
                case '+' -> set ? word : "";
                default -> {
                    if (!set) {
                        throw new IllegalArgumentException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                    }
                    yield value;
                }
            };
        }

        /** The word after a modifier up to the matching '}', itself substituted. */
        private String modifierWord() {
            StringBuilder w = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("missing '}' in variable substitution");
                }
                char c = s.charAt(i);
                if (c == '}') {
                    i++;
                    return w.toString();
                }
                if (c == '$') {
                    w.append(dollar());
                } else if (c == escape && i + 1 < s.length()) {
                    w.append(s.charAt(i + 1));
                    i += 2;
                } else if (c == '\'' || c == '"') {
                    int end = s.indexOf(c, i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unmatched quote in variable substitution");
                    }
                    w.append(s, i + 1, end);
                    i = end + 1;
                } else {
                    w.append(c);
                    i++;
                }
            }
        }
    }
}
