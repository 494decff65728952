package dev.wharf.builder.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile.
 *
 * @param name the file name used in messages
 * @param escape the escape character (backslash or backtick)
 * @param globalArgs ARG instructions before the first FROM
 * @param warnings things accepted but ignored, with their lines
 */
public record Dockerfile(String name, char escape, List<Instruction> globalArgs, List<Stage> stages, List<String> warnings) {
    public Dockerfile {
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
    }

    public Optional<Stage> stage(String ref) {
        return stages.stream().filter(s -> s.answersTo(ref)).findFirst();
    }

    public DockerfileException error(int line, String reason) {
        return new DockerfileException(name, line, reason);
    }
}
