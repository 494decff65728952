package dev.wharf.cli.command;

import dev.wharf.cli.CliEnvironment;
import dev.wharf.cli.CliException;
import dev.wharf.cli.Session;
import dev.wharf.cli.WharfCommand;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wharf logs POD}: a container's output, from the pods/log subresource. */
@Command(name = "logs", sortOptions = false,
        description = {"Print the logs of a container in a pod.",
            "",
            "Examples:",
            "  wharf logs web-7c9f-abcde",
            "  wharf logs web-7c9f-abcde -c sidecar -f --tail 20",
            "  wharf logs pod/web-7c9f-abcde --since 5m"})
public final class LogsCommand extends WharfCommand {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(h|m|s)");

    @Parameters(index = "0", paramLabel = "POD", description = "The pod (NAME or pod/NAME).")
    String pod;

    @Option(names = {"-c", "--container"}, paramLabel = "NAME", description = "The container; needed when the pod has several.")
    String container;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(names = "--tail", defaultValue = "-1", paramLabel = "N", description = "Only the last N lines.")
    long tail;

    @Option(names = {"-p", "--previous"}, description = "The logs of the previous, terminated instance of the container.")
    boolean previous;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only lines newer than this, e.g. 10s, 5m, 1h30m.")
    String since;

    @Option(names = "--timestamps", description = "Prefix each line with its time.")
    boolean timestamps;

    public LogsCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    protected int run(Session session) throws Exception {
        String name = pod.startsWith("pod/") ? pod.substring(4) : pod.startsWith("pods/") ? pod.substring(5) : pod;
        List<String> params = new ArrayList<>();
        if (container != null) {
            params.add("container=" + URLEncoder.encode(container, StandardCharsets.UTF_8));
        }
        if (follow) {
            params.add("follow=true");
        }
        if (tail >= 0) {
            params.add("tailLines=" + tail);
        }
        if (previous) {
            params.add("previous=true");
        }
        if (since != null) {
            params.add("sinceSeconds=" + seconds(since));
        }
        if (timestamps) {
            params.add("timestamps=true");
        }
        String path = "/api/v1/namespaces/" + session.namespace() + "/pods/" + name + "/log"
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
        try (InputStream stream = session.raw().stream(path, "*/*");
                Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                out().write(buffer, 0, n);
                out().flush();
            }
        }
        return 0;
    }

    /** "1h30m" -> 5400; a plain number is seconds. */
    static long seconds(String duration) {
        if (duration.matches("\\d+")) {
            return Long.parseLong(duration);
        }
        Matcher m = DURATION.matcher(duration);
        long total = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> n * 3600;
                case "m" -> n * 60;
                default -> n;
            };
            end = m.end();
        }
        if (end != duration.length() || end == 0) {
            throw new CliException("error: --since wants a duration such as 30s, 5m or 1h30m, not \"" + duration + "\"");
        }
        return total;
    }
}
