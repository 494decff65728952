package dev.wharf.builder.dockerfile;

import java.util.List;

/**
 * A build stage: its FROM and the instructions after it.
 *
 * @param index position among the stages (0-based)
 * @param name the {@code AS name} (lower-cased), or null
 * @param baseRaw the FROM image as written (substitution from global ARGs still to do)
 */
public record Stage(int index, String name, String baseRaw, Instruction from, List<Instruction> body) {
    public Stage {
        body = List.copyOf(body);
    }

    /** True when {@code ref} names this stage, by name or index. */
    public boolean answersTo(String ref) {
        return ref.equalsIgnoreCase(name == null ? "" : name) || ref.equals(Integer.toString(index));
    }
}
