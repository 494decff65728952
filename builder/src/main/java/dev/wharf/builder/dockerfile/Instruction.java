package dev.wharf.builder.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * One logical Dockerfile line.
 *
 * @param line the 1-based line where the instruction starts
 * @param keyword upper-case instruction (RUN, COPY, ...)
 * @param flags leading {@code --name=value} flags (value "" for a bare {@code --name})
 * @param args for exec (JSON) form the array; for RUN/CMD/ENTRYPOINT shell form one raw string; for ENV and LABEL
 *             alternating raw keys and values; otherwise raw words (quotes kept: substitution removes them)
 * @param json true when the arguments were a JSON array
 * @param text the instruction as written, continuations joined, for messages and history
 */
public record Instruction(int line, String keyword, Map<String, String> flags, List<String> args, boolean json, String text) {
    public Instruction {
        flags = Map.copyOf(flags);
        args = List.copyOf(args);
    }

    public String flag(String name) {
        return flags.get(name);
    }
}
