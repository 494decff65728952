package dev.wharf.agent.volumes;

import dev.wharf.agent.env.EnvResolver;
import dev.wharf.agent.pods.ConfigException;
import dev.wharf.controller.runtime.ApiClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import dev.wharf.spi.runtime.Mount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A pod's volumes as host directories under {@code <data>/pods/<uid>/volumes/<kind>/<name>}: emptyDir (an empty
 * directory), configMap and secret (one file per key, or per {@code items} entry, with {@code defaultMode} /
 * {@code mode}), hostPath (the host path itself). Mounts apply {@code subPath} and {@code readOnly}.
 */
public final class VolumeManager {
    private final ApiClient api;
    private final Path podsDir;

    public VolumeManager(ApiClient api, Path dataDir) {
        this.api = api;
        this.podsDir = dataDir.resolve("pods");
    }

    public Path podDir(String uid) {
        return podsDir.resolve(uid);
    }

    /** Creates (or refreshes) every volume of the pod; returns volume name -> host path. */
    public Map<String, Path> prepare(Pod pod) {
        Map<String, Path> out = new LinkedHashMap<>();
        if (pod.getSpec().getVolumes() == null) {
            return out;
        }
        Path base = podDir(pod.getMetadata().getUid()).resolve("volumes");
        String ns = pod.getMetadata().getNamespace();
        for (Volume v : pod.getSpec().getVolumes()) {
            try {
                if (v.getEmptyDir() != null) {
                    Path dir = base.resolve("empty-dir").resolve(v.getName());
                    Files.createDirectories(dir);
                    out.put(v.getName(), dir);
                } else if (v.getHostPath() != null) {
                    Path p = Path.of(v.getHostPath().getPath());
                    String type = v.getHostPath().getType() == null ? "" : v.getHostPath().getType();
                    if (type.equals("DirectoryOrCreate")) {
                        Files.createDirectories(p);
                    } else if (type.equals("FileOrCreate") && !Files.exists(p)) {
                        Files.createDirectories(p.getParent());
                        Files.createFile(p);
                    } else if (!type.isEmpty() && !Files.exists(p)) {
                        throw new ConfigException("hostPath type check failed: " + p + " is not a " + type);
                    }
                    out.put(v.getName(), p);
                } else if (v.getConfigMap() != null) {
                    var src = v.getConfigMap();
                    ConfigMap cm = api.get(ConfigMap.class, ns, src.getName());
                    Map<String, byte[]> data = new TreeMap<>();
                    if (cm == null) {
                        if (!Boolean.TRUE.equals(src.getOptional())) {
                            throw new ConfigException("configmap \"" + src.getName() + "\" not found");
                        }
                    } else {
                        if (cm.getData() != null) {
                            cm.getData().forEach((k, val) -> data.put(k, val.getBytes(StandardCharsets.UTF_8)));
                        }
                        if (cm.getBinaryData() != null) {
                            cm.getBinaryData().forEach((k, val) -> data.put(k, java.util.Base64.getDecoder().decode(val)));
                        }
                    }
                    Path dir = base.resolve("configmap").resolve(v.getName());
                    writeFiles(dir, data, src.getItems(), src.getDefaultMode(), "configmap " + src.getName());
                    out.put(v.getName(), dir);
                } else if (v.getSecret() != null) {
                    var src = v.getSecret();
                    Secret s = api.get(Secret.class, ns, src.getSecretName());
                    Map<String, byte[]> data = new TreeMap<>();
                    if (s == null) {
                        if (!Boolean.TRUE.equals(src.getOptional())) {
                            throw new ConfigException("secret \"" + src.getSecretName() + "\" not found");
                        }
                    } else {
                        data.putAll(EnvResolver.secretData(s));
                    }
                    Path dir = base.resolve("secret").resolve(v.getName());
                    writeFiles(dir, data, src.getItems(), src.getDefaultMode(), "secret " + src.getSecretName());
                    out.put(v.getName(), dir);
                } else {
                    throw new ConfigException("volume \"" + v.getName() + "\": only emptyDir, configMap, secret and hostPath are supported");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("volume " + v.getName() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The container's volumeMounts as runtime mounts. */
    public List<Mount> mounts(Container c, Map<String, Path> volumes) {
        List<Mount> out = new ArrayList<>();
        if (c.getVolumeMounts() == null) {
            return out;
        }
        for (VolumeMount m : c.getVolumeMounts()) {
            Path host = volumes.get(m.getName());
            if (host == null) {
                throw new ConfigException("volumeMount \"" + m.getName() + "\" refers to an unknown volume");
            }
            String sub = m.getSubPath() == null ? "" : m.getSubPath();
            if (!sub.isEmpty()) {
                if (sub.startsWith("/") || Path.of(sub).normalize().startsWith("..")) {
                    throw new ConfigException("subPath \"" + sub + "\" must be a relative path inside the volume");
                }
                host = host.resolve(sub);
                if (!Files.exists(host)) {
                    try {
                        Files.createDirectories(host);
                    } catch (IOException e) {
                        throw new ConfigException("failed to create subPath directory " + sub + ": " + e.getMessage());
                    }
                }
            }
            out.add(new Mount(host, m.getMountPath(), Boolean.TRUE.equals(m.getReadOnly())));
        }
        return out;
    }

    /** Deletes everything the pod had under the data dir (volumes, termination logs). */
    public void cleanup(String uid) {
        deleteTree(podDir(uid));
    }

    private static void writeFiles(Path dir, Map<String, byte[]> data, List<KeyToPath> items, Integer defaultMode,
                                   String what) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Integer> modes = new LinkedHashMap<>();
        if (items == null || items.isEmpty()) {
            files.putAll(data);
        } else {
            for (KeyToPath item : items) {
                byte[] v = data.get(item.getKey());
                if (v == null) {
                    throw new ConfigException(what.substring(0, what.indexOf(' '))
                            + " references non-existent config key: " + item.getKey());
                }
                files.put(item.getPath(), v);
                if (item.getMode() != null) {
                    modes.put(item.getPath(), item.getMode());
                }
            }
        }
        // Write into a fresh directory and swap it in, so a container never sees a half-written set.
        Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = tmp.resolve(f.getKey()).normalize();
            if (!target.startsWith(tmp)) {
                throw new ConfigException(what + ": item path " + f.getKey() + " escapes the volume");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, f.getValue());
            int mode = modes.getOrDefault(f.getKey(), defaultMode == null ? 0644 : defaultMode);
            try {
                Files.setPosixFilePermissions(target, permissions(mode));
            } catch (UnsupportedOperationException | FileSystemException ignored) {
                // not a POSIX file system
            }
        }
        deleteTree(dir);
        Files.move(tmp, dir);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
