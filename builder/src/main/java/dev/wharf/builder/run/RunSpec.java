package dev.wharf.builder.run;

import dev.wharf.builder.fs.Users;
import java.nio.file.Path;
import java.util.List;

/**
 * One RUN step's process.
 *
 * @param rootfs the mounted overlay the step runs in
 * @param args the argv (the shell and its command for shell form)
 * @param env KEY=VALUE pairs: the stage's ENV plus build ARGs in scope
 * @param cwd absolute working directory
 */
public record RunSpec(Path rootfs, List<String> args, List<String> env, String cwd, Users.Owner user) {
    public RunSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
    }
}
