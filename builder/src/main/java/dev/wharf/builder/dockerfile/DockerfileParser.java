package dev.wharf.builder.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a Dockerfile the way Docker's front end does: parser directives ({@code # escape=}, {@code # syntax=}),
 * comments, line continuations, leading {@code --flags}, JSON (exec) and shell forms. Substitution of variables
 * happens later, when the builder knows the values. Anything Wharf cannot build fails here with the line.
 */
public final class DockerfileParser {
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");
    private static final Set<String> KNOWN = Set.of("FROM", "ARG", "ENV", "LABEL", "WORKDIR", "USER", "EXPOSE", "COPY",
            "ADD", "RUN", "ENTRYPOINT", "CMD", "SHELL", "STOPSIGNAL", "HEALTHCHECK", "VOLUME", "MAINTAINER");
    private static final Map<String, Set<String>> FLAGS = Map.of(
            "FROM", Set.of("platform"),
            "COPY", Set.of("from", "chown", "chmod"),
            "ADD", Set.of("chown", "chmod"),
            "HEALTHCHECK", Set.of("interval", "timeout", "start-period", "start-interval", "retries"));

    private final String name;
    private char escape = '\\';
    private final List<String> warnings = new ArrayList<>();

    private DockerfileParser(String name) {
        this.name = name;
    }

    public static Dockerfile parse(String name, String text) {
        return new DockerfileParser(name).run(text);
    }

    private record Logical(int line, String text) { }

    private Dockerfile run(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int first = directives(lines);
        List<Instruction> global = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Instruction from = null;
        String stageName = null;
        List<Instruction> body = new ArrayList<>();
        for (Logical l : logicalLines(lines, first)) {
            Instruction in = instruction(l);
            if (in.keyword().equals("FROM")) {
                if (from != null) {
                    stages.add(new Stage(stages.size(), stageName, from.args().getFirst(), from, body));
                }
                from = in;
                stageName = in.args().size() == 3 ? in.args().get(2).toLowerCase(java.util.Locale.ROOT) : null;
                if (stageName != null && stages.stream().anyMatch(s -> stageNameEquals(s, in))) {
                    throw error(in.line(), "duplicate stage name \"" + stageName + "\"");
                }
                body = new ArrayList<>();
            } else if (from == null) {
                if (!in.keyword().equals("ARG")) {
                    throw error(in.line(), in.keyword() + " before the first FROM: only ARG may come before FROM");
                }
                global.add(in);
            } else {
                body.add(in);
            }
        }
        if (from == null) {
            throw error(Math.max(1, lines.length), "no FROM instruction: a Dockerfile needs at least one stage");
        }
        stages.add(new Stage(stages.size(), stageName, from.args().getFirst(), from, body));
        return new Dockerfile(name, escape, global, stages, warnings);
    }

    private static boolean stageNameEquals(Stage s, Instruction from) {
        return s.name() != null && s.name().equalsIgnoreCase(from.args().get(2));
    }

    private int directives(String[] lines) {
        int i = 0;
        while (i < lines.length) {
            Matcher m = DIRECTIVE.matcher(lines[i].strip());
            if (!m.matches()) {
                break;
            }
            String key = m.group(1).toLowerCase(java.util.Locale.ROOT);
            String value = m.group(2);
            switch (key) {
                case "escape" -> {
                    if (!value.equals("\\") && !value.equals("`")) {
                        throw error(i + 1, "invalid escape directive \"" + value + "\": must be ` or \\");
                    }
                    escape = value.charAt(0);
                }
                case "syntax" -> warnings.add(name + ":" + (i + 1) + ": # syntax=" + value
                        + " ignored: Wharf parses the Dockerfile itself");
                default -> { }
            }
            i++;
        }
        return i;
    }

    private List<Logical> logicalLines(String[] lines, int from) {
        List<Logical> out = new ArrayList<>();
        StringBuilder cur = null;
        int start = 0;
        for (int i = from; i < lines.length; i++) {
            String raw = lines[i];
            String stripped = raw.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && cur != null)) {
                continue;
            }
            if (stripped.isEmpty()) {
                continue;
            }
            String trimmedEnd = raw.stripTrailing();
            boolean continues = trimmedEnd.endsWith(String.valueOf(escape))
                    && !trimmedEnd.endsWith(String.valueOf(escape) + escape);
            String content = continues ? trimmedEnd.substring(0, trimmedEnd.length() - 1) : raw;
            if (cur == null) {
                cur = new StringBuilder();
                start = i + 1;
            }
            cur.append(content);
            if (!continues) {
                out.add(new Logical(start, cur.toString().strip()));
                cur = null;
            }
        }
        if (cur != null && !cur.toString().isBlank()) {
            out.add(new Logical(start, cur.toString().strip()));
        }
        return out;
    }

    private Instruction instruction(Logical l) {
        String text = l.text();
        int sp = firstSpace(text);
        String keyword = (sp < 0 ? text : text.substring(0, sp)).toUpperCase(java.util.Locale.ROOT);
        String rest = sp < 0 ? "" : text.substring(sp).strip();
        if (keyword.equals("ONBUILD")) {
            throw error(l.line(), "ONBUILD is not supported (triggers for child images are not implemented)");
        }
        if (!KNOWN.contains(keyword)) {
            throw error(l.line(), "unknown instruction: " + keyword);
        }
        Map<String, String> flags = new LinkedHashMap<>();
        boolean takesFlags = FLAGS.containsKey(keyword) || keyword.equals("RUN");
        while (takesFlags && rest.startsWith("--")) {
            int end = firstSpace(rest);
            String flag = (end < 0 ? rest : rest.substring(0, end)).substring(2);
            rest = end < 0 ? "" : rest.substring(end).strip();
            int eq = flag.indexOf('=');
            String fname = eq < 0 ? flag : flag.substring(0, eq);
            String fvalue = eq < 0 ? "" : flag.substring(eq + 1);
            checkFlag(l.line(), keyword, fname);
            flags.put(fname, fvalue);
        }
        if (rest.startsWith("<<") && (keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD"))) {
            throw error(l.line(), keyword + " with a heredoc (<<) is not supported: put the script in a file in the context");
        }
        if (flags.containsKey("platform")) {
            warnings.add(name + ":" + l.line() + ": FROM --platform=" + flags.get("platform")
                    + " ignored: Wharf builds linux/amd64 only");
        }
        return switch (keyword) {
            case "FROM" -> from(l, keyword, flags, rest);
            case "ENV", "LABEL" -> new Instruction(l.line(), keyword, flags, pairs(l.line(), keyword, rest), false, text);
            case "RUN", "CMD", "ENTRYPOINT" -> command(l, keyword, flags, rest, text);
            case "SHELL" -> {
                List<String> json = jsonArray(rest);
                if (json == null || json.isEmpty()) {
                    throw error(l.line(), "SHELL requires the arguments to be in JSON form, e.g. SHELL [\"/bin/sh\", \"-c\"]");
                }
                yield new Instruction(l.line(), keyword, flags, json, true, text);
            }
            case "HEALTHCHECK" -> healthcheck(l, flags, rest, text);
            case "COPY", "ADD", "VOLUME" -> {
                List<String> json = jsonArray(rest);
                List<String> args = json != null ? json : rawWords(rest);
                int min = keyword.equals("VOLUME") ? 1 : 2;
                if (args.size() < min) {
                    throw error(l.line(), keyword + " requires at least " + (min == 1 ? "one argument" : "two arguments"));
                }
                yield new Instruction(l.line(), keyword, flags, args, json != null, text);
            }
            default -> single(l, keyword, flags, rest, text);
        };
    }

    private Instruction single(Logical l, String keyword, Map<String, String> flags, String rest, String text) {
        List<String> words = rawWords(rest);
        if (words.isEmpty()) {
            throw error(l.line(), keyword + " requires at least one argument");
        }
        switch (keyword) {
            case "WORKDIR", "MAINTAINER" -> words = List.of(rest);
            case "ARG", "USER", "STOPSIGNAL" -> {
                if (words.size() != 1) {
                    throw error(l.line(), keyword + " requires exactly one argument");
                }
            }
            default -> { }
        }
        return new Instruction(l.line(), keyword, flags, words, false, text);
    }

    private Instruction from(Logical l, String keyword, Map<String, String> flags, String rest) {
        List<String> words = rawWords(rest);
        boolean ok = words.size() == 1 || (words.size() == 3 && words.get(1).equalsIgnoreCase("AS"));
        if (!ok) {
            throw error(l.line(), "FROM requires either one argument, or three: FROM <image> AS <name>");
        }
        if (words.size() == 3 && !STAGE_NAME.matcher(words.get(2).toLowerCase(java.util.Locale.ROOT)).matches()) {
            throw error(l.line(), "invalid stage name \"" + words.get(2) + "\": must start with a letter and use [a-z0-9-_.]");
        }
        return new Instruction(l.line(), keyword, flags, words, false, l.text());
    }

    private Instruction command(Logical l, String keyword, Map<String, String> flags, String rest, String text) {
        if (rest.isEmpty() && !keyword.equals("CMD") && !keyword.equals("ENTRYPOINT")) {
            throw error(l.line(), keyword + " requires at least one argument");
        }
        List<String> json = jsonArray(rest);
        if (json != null) {
            return new Instruction(l.line(), keyword, flags, json, true, text);
        }
        return new Instruction(l.line(), keyword, flags, rest.isEmpty() ? List.of() : List.of(rest), false, text);
    }

    private Instruction healthcheck(Logical l, Map<String, String> flags, String rest, String text) {
        int sp = firstSpace(rest);
        String kind = (sp < 0 ? rest : rest.substring(0, sp)).toUpperCase(java.util.Locale.ROOT);
        String cmd = sp < 0 ? "" : rest.substring(sp).strip();
        if (kind.equals("NONE")) {
            if (!cmd.isEmpty() || !flags.isEmpty()) {
                throw error(l.line(), "HEALTHCHECK NONE takes no other arguments");
            }
            return new Instruction(l.line(), "HEALTHCHECK", flags, List.of("NONE"), false, text);
        }
        if (!kind.equals("CMD") || cmd.isEmpty()) {
            throw error(l.line(), "HEALTHCHECK must be followed by CMD <command> or NONE");
        }
        List<String> json = jsonArray(cmd);
        List<String> args = new ArrayList<>();
        args.add("CMD");
        args.addAll(json != null ? json : List.of(cmd));
        return new Instruction(l.line(), "HEALTHCHECK", flags, args, json != null, text);
    }

    private List<String> pairs(int line, String keyword, String rest) {
        List<String> words = rawWords(rest);
        if (words.isEmpty()) {
            throw error(line, keyword + " requires at least one argument");
        }
        List<String> out = new ArrayList<>();
        if (!words.getFirst().contains("=")) {
            int sp = firstSpace(rest);
            if (sp < 0) {
                throw error(line, keyword + " " + rest + ": must be of the form " + keyword + " name=value");
            }
            out.add(rest.substring(0, sp));
            out.add(rest.substring(sp).strip());
            return out;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw error(line, "Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value");
            }
            out.add(w.substring(0, eq));
            out.add(w.substring(eq + 1));
        }
        return out;
    }

    private void checkFlag(int line, String keyword, String flag) {
        if (keyword.equals("RUN")) {
            throw error(line, "RUN --" + flag + " is not supported (BuildKit mounts, network and security modes are not implemented; "
                    + "RUN steps always run without network)");
        }
        if (!FLAGS.getOrDefault(keyword, Set.of()).contains(flag)) {
            throw error(line, keyword + " --" + flag + " is not supported");
        }
    }

    /** Splits on whitespace outside quotes, keeping quotes and escapes for substitution to remove. */
    List<String> rawWords(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == escape && quote != '\'' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
            } else if (quote != 0) {
                cur.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                cur.append(c);
            } else if (Character.isWhitespace(c)) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static List<String> jsonArray(String rest) {
        if (!rest.startsWith("[")) {
            return null;
        }
        try {
            JsonNode n = Json.parse(rest);
            if (!n.isArray()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    return null;
                }
                out.add(e.asText());
            }
            return out;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private DockerfileException error(int line, String reason) {
        return new DockerfileException(name, line, reason);
    }
}
