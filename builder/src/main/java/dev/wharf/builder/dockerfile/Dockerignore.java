package dev.wharf.builder.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore} rules as Docker applies them: Go {@code filepath.Match} patterns plus {@code **} for any
 * number of directories, {@code !} exceptions, the last matching rule wins, and a rule matching a directory
 * matches everything under it. Paths are relative to the context, with '/' separators.
 */
public final class Dockerignore {
    private record Rule(Pattern pattern, boolean exception, String text) { }

    private final List<Rule> rules;

    private Dockerignore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Dockerignore none() {
        return new Dockerignore(List.of());
    }

    public static Dockerignore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            if (exception) {
                line = line.substring(1).strip();
            }
            String cleaned = clean(line);
            if (cleaned.isEmpty()) {
                continue;
            }
            rules.add(new Rule(Pattern.compile(toRegex(cleaned)), exception, line));
        }
        return new Dockerignore(rules);
    }

    /** True when {@code path} (or a directory above it) is excluded from the context. */
    public boolean excluded(String path) {
        String p = clean(path);
        boolean excluded = false;
        for (Rule r : rules) {
            if (matches(r.pattern, p)) {
                excluded = !r.exception;
            }
        }
        return excluded;
    }

    /** True when some exception rule could re-include something under the excluded directory {@code dir}. */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    private static boolean matches(Pattern pattern, String path) {
        if (pattern.matcher(path).matches()) {
            return true;
        }
        int slash = path.lastIndexOf('/');
        while (slash > 0) {
            if (pattern.matcher(path.substring(0, slash)).matches()) {
                return true;
            }
            slash = path.lastIndexOf('/', slash - 1);
        }
        return false;
    }

    static String clean(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                continue;
            }
            out.add(part);
        }
        return String.join("/", out);
    }

    /** Go filepath.Match syntax plus {@code **}, as a Java regex over the whole path. */
    public static String toRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                            i++;
                            re.append("(?:.*/)?");
                        } else {
                            re.append(".*");
                        }
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = pattern.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("bad .dockerignore pattern \"" + pattern + "\": unterminated [");
                    }
                    String cls = pattern.substring(i + 1, end);
                    if (cls.startsWith("^") || cls.startsWith("!")) {
                        cls = "^" + cls.substring(1);
                    }
                    re.append('[').append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = end;
                }
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
