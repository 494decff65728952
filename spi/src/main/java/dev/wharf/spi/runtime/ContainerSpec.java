package dev.wharf.spi.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a runtime needs to create one container of a pod. {@code command}/{@code args} follow Kubernetes:
 * see {@link #processArgs()}. {@code env} is ordered; it overrides the image's variables of the same name.
 * {@code logPath} empty lets the runtime choose.
 */
public record ContainerSpec(String podUid, String podName, String namespace, String name, ImageRootfs image,
                            List<String> command, List<String> args, Map<String, String> env, String workingDir,
                            List<Mount> mounts, Resources resources, Security security, Path logPath,
                            int restartCount, Map<String, String> labels) {
    public ContainerSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("container name is required");
        }
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        workingDir = workingDir == null ? "" : workingDir;
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        resources = resources == null ? Resources.NONE : resources;
        security = security == null ? Security.DEFAULT : security;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * The process's argv by Kubernetes rules: command replaces the image's Entrypoint (and drops its Cmd); args
     * alone replace the Cmd; neither runs Entrypoint + Cmd.
     */
    public List<String> processArgs() {
        List<String> argv = new ArrayList<>();
        if (!command.isEmpty()) {
            argv.addAll(command);
            argv.addAll(args);
        } else {
            argv.addAll(image.entrypoint());
            argv.addAll(args.isEmpty() ? image.cmd() : args);
        }
        if (argv.isEmpty()) {
            throw new ContainerRuntimeException("container " + name + ": no command and the image has no Entrypoint or Cmd");
        }
        return argv;
    }

    /** The image's environment overridden by the spec's, as {@code NAME=value} strings, in order. */
    public List<String> processEnv() {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String kv : image.env()) {
            int eq = kv.indexOf('=');
            merged.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        merged.putAll(env);
        List<String> out = new ArrayList<>();
        merged.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** The working directory: the spec's, else the image's, else "/". */
    public String effectiveWorkingDir() {
        return !workingDir.isEmpty() ? workingDir : !image.workingDir().isEmpty() ? image.workingDir() : "/";
    }

    public static Builder builder(String podUid, String name, ImageRootfs image) {
        return new Builder(podUid, name, image);
    }

    /** Fluent construction: only pod uid, container name and image are required. */
    public static final class Builder {
        private final String podUid;
        private final String name;
        private final ImageRootfs image;
        private String podName = "";
        private String namespace = "default";
        private List<String> command = List.of();
        private List<String> args = List.of();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String workingDir = "";
        private final List<Mount> mounts = new ArrayList<>();
        private Resources resources = Resources.NONE;
        private Security security = Security.DEFAULT;
        private Path logPath;
        private int restartCount;
        private Map<String, String> labels = Map.of();

        private Builder(String podUid, String name, ImageRootfs image) {
            this.podUid = podUid;
            this.name = name;
            this.image = image;
        }

        public Builder pod(String namespace, String podName) {
            this.namespace = namespace;
            this.podName = podName;
            return this;
        }

        public Builder command(String... command) {
            this.command = List.of(command);
            return this;
        }

        public Builder args(String... args) {
            this.args = List.of(args);
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder workingDir(String dir) {
            this.workingDir = dir;
            return this;
        }

        public Builder mount(Mount mount) {
            mounts.add(mount);
            return this;
        }

        public Builder resources(Resources resources) {
            this.resources = resources;
            return this;
        }

        public Builder security(Security security) {
            this.security = security;
            return this;
        }

        public Builder logPath(Path logPath) {
            this.logPath = logPath;
            return this;
        }

        public Builder restartCount(int restartCount) {
            this.restartCount = restartCount;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        public ContainerSpec build() {
            return new ContainerSpec(podUid, podName.isEmpty() ? podUid : podName, namespace, name, image, command,
                    args, env, workingDir, mounts, resources, security, logPath, restartCount, labels);
        }
    }
}
