package dev.wharf.server.apply;

import dev.wharf.builder.build.BuildProgress;
import java.io.PrintWriter;

/**
 * One image's build progress on apply's output: every line prefixed with the image's short name (builds of
 * several images interleave), and whether every layer step (RUN, COPY, ADD) came from the cache.
 */
final class BuildLog implements BuildProgress {
    /** The steps that make a layer and so may come from the cache (FROM, WORKDIR, USER, ... only set config). */
    private static final java.util.regex.Pattern LAYER_STEPS = java.util.regex.Pattern.compile("(RUN|COPY|ADD)\\b");
    private final String prefix;
    private final PrintWriter out;
    private int steps;
    private int cached;

    BuildLog(String name, PrintWriter out) {
        this.prefix = name + " | ";
        this.out = out;
    }

    @Override
    public void step(int n, int total, String text, boolean wasCached) {
        if (LAYER_STEPS.matcher(text).lookingAt()) {
            steps++;
            cached += wasCached ? 1 : 0;
        }
        line((wasCached ? "CACHED " : "") + "[" + n + "/" + total + "] " + text);
    }

    @Override
    public void output(String line) {
        line("  " + line);
    }

    @Override
    public void info(String line) {
        line(line);
    }

    /** True when there were steps and all of them were cached. */
    boolean allCached() {
        return steps > 0 && cached == steps;
    }

    void line(String text) {
        synchronized (out) {
            out.println(prefix + text);
            out.flush();
        }
    }
}
