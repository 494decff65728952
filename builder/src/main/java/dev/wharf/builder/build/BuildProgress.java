package dev.wharf.builder.build;

import java.util.function.Consumer;

/** Where build progress goes: step headers ({@code [2/5] RUN ...}, {@code CACHED [2/5] ...}), step output, notes. */
public interface BuildProgress {
    void step(int n, int total, String text, boolean cached);

    void output(String line);

    void info(String line);

    static BuildProgress printing(Consumer<String> out) {
        return new BuildProgress() {
            @Override
            public void step(int n, int total, String text, boolean cached) {
                out.accept((cached ? "CACHED " : "") + "[" + n + "/" + total + "] " + text);
            }

            @Override
            public void output(String line) {
                out.accept("  | " + line);
            }

            @Override
            public void info(String line) {
                out.accept(line);
            }
        };
    }
}
