package dev.wharf.builder.build;

import dev.wharf.builder.dockerfile.Instruction;
import dev.wharf.builder.fs.Users;
import dev.wharf.builder.run.RunSpec;
import dev.wharf.common.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RUN: the command in runc on the stage's filesystem. Its environment is the stage's ENV plus the ARGs in scope
 * (ENV wins) and a default PATH; all of it, the user and the working directory are part of the cache key.
 */
final class RunStep {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final StageBuilder sb;
    private final Instruction in;

    RunStep(StageBuilder sb, Instruction in) {
        this.sb = sb;
        this.in = in;
    }

    void run() throws IOException {
        StageState st = sb.state();
        List<String> argv = in.json() ? in.args() : StageBuilder.concat(st.shell(), in.args().getFirst());
        List<String> env = new ArrayList<>(st.env());
        for (Map.Entry<String, String> a : st.args.entrySet()) {
            if (a.getValue() != null && st.envValue(a.getKey()) == null) {
                env.add(a.getKey() + "=" + a.getValue());
            }
        }
        if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
            env.add("PATH=" + DEFAULT_PATH);
        }
        String cwd = st.workdir();
        String user = st.config().path("User").asText("");
        String display = in.text();
        String material = "RUN " + Json.string(argv) + "\nenv " + Json.string(env) + "\ncwd " + cwd + "\nuser " + user;
        if (sb.shared().runner() == null) {
            throw sb.error(in, "RUN needs runc and root: runc was not found on this machine");
        }
        sb.layerStep(display, material, root -> {
            Users.Owner owner;
            try {
                owner = Users.resolve(root, user);
            } catch (IOException e) {
                throw sb.error(in, "USER " + user + ": " + e.getMessage());
            }
            int code = sb.shared().runner().run(new RunSpec(root, argv, env, cwd, owner), sb.shared().progress()::output);
            if (code != 0) {
                throw sb.error(in, "RUN " + (in.json() ? argv : in.args().getFirst()) + " returned a non-zero code: " + code);
            }
        });
    }
}
