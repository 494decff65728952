package dev.wharf.agent.env;

import dev.wharf.agent.pods.ConfigException;
import dev.wharf.controller.runtime.ApiClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.Secret;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container's environment as the kubelet computes it: envFrom first (ConfigMaps and Secrets, with prefix), then
 * env in order (value with {@code $(VAR)} expansion, configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef).
 * Missing required sources throw {@link ConfigException} with the kubelet's wording.
 */
public final class EnvResolver {
    private final ApiClient api;
    private final Map<String, Quantity> nodeAllocatable;

    public EnvResolver(ApiClient api, Map<String, Quantity> nodeAllocatable) {
        this.api = api;
        this.nodeAllocatable = nodeAllocatable;
    }

    public Map<String, String> resolve(Pod pod, Container container, String podIp, String hostIp) {
        String ns = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            for (EnvFromSource from : container.getEnvFrom()) {
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                if (from.getConfigMapRef() != null) {
                    ConfigMap cm = api.get(ConfigMap.class, ns, from.getConfigMapRef().getName());
                    if (cm == null) {
                        if (Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                            continue;
                        }
                        throw new ConfigException("configmap \"" + from.getConfigMapRef().getName() + "\" not found");
                    }
                    new TreeMap<>(cm.getData() == null ? Map.<String, String>of() : cm.getData())
                            .forEach((k, v) -> env.put(prefix + k, v));
                }
                if (from.getSecretRef() != null) {
                    Secret s = api.get(Secret.class, ns, from.getSecretRef().getName());
                    if (s == null) {
                        if (Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                            continue;
                        }
                        throw new ConfigException("secret \"" + from.getSecretRef().getName() + "\" not found");
                    }
                    secretData(s).forEach((k, v) -> env.put(prefix + k, new String(v, StandardCharsets.UTF_8)));
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                if (var.getValueFrom() == null) {
                    env.put(var.getName(), expand(var.getValue() == null ? "" : var.getValue(), env));
                    continue;
                }
                String value = valueFrom(pod, container, var.getValueFrom(), podIp, hostIp);
                if (value != null) {
                    env.put(var.getName(), value);
                }
            }
        }
        return env;
    }

    private String valueFrom(Pod pod, Container container, EnvVarSource src, String podIp, String hostIp) {
        String ns = pod.getMetadata().getNamespace();
        if (src.getConfigMapKeyRef() != null) {
            var ref = src.getConfigMapKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            ConfigMap cm = api.get(ConfigMap.class, ns, ref.getName());
            if (cm == null) {
                if (optional) {
                    return null;
                }
                throw new ConfigException("configmap \"" + ref.getName() + "\" not found");
            }
            String v = cm.getData() == null ? null : cm.getData().get(ref.getKey());
            if (v == null && !optional) {
                throw new ConfigException("couldn't find key " + ref.getKey() + " in ConfigMap " + ns + "/" + ref.getName());
            }
            return v;
        }
        if (src.getSecretKeyRef() != null) {
            var ref = src.getSecretKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            Secret s = api.get(Secret.class, ns, ref.getName());
            if (s == null) {
                if (optional) {
                    return null;
                }
                throw new ConfigException("secret \"" + ref.getName() + "\" not found");
            }
            byte[] v = secretData(s).get(ref.getKey());
            if (v == null) {
                if (optional) {
                    return null;
                }
                throw new ConfigException("couldn't find key " + ref.getKey() + " in Secret " + ns + "/" + ref.getName());
            }
            return new String(v, StandardCharsets.UTF_8);
        }
        if (src.getFieldRef() != null) {
            return FieldPaths.value(pod, src.getFieldRef().getFieldPath(), podIp, hostIp);
        }
        if (src.getResourceFieldRef() != null) {
            return resource(container, src.getResourceFieldRef());
        }
        return null;
    }

    private String resource(Container container, ResourceFieldSelector sel) {
        String res = sel.getResource();
        int dot = res.indexOf('.');
        if (dot < 0) {
            throw new ConfigException("unsupported resourceFieldRef " + res);
        }
        String kind = res.substring(0, dot);
        String name = res.substring(dot + 1);
        Map<String, Quantity> map = container.getResources() == null ? null
                : "limits".equals(kind) ? container.getResources().getLimits() : container.getResources().getRequests();
        Quantity q = map == null ? null : map.get(name);
        if (q == null) {
            q = "limits".equals(kind) ? nodeAllocatable.get(name) : null;
        }
        if (q == null) {
            return "0";
        }
        BigDecimal amount = Quantity.getAmountInBytes(q);
        BigDecimal divisor = sel.getDivisor() == null ? BigDecimal.ONE : Quantity.getAmountInBytes(sel.getDivisor());
        if (divisor.signum() == 0) {
            divisor = BigDecimal.ONE;
        }
        return amount.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
    }

    /** The secret's data decoded (stringData wins, as the apiserver would have merged it). */
    public static Map<String, byte[]> secretData(Secret s) {
        Map<String, byte[]> out = new TreeMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> out.put(k, Base64.getDecoder().decode(v == null ? "" : v.trim())));
        }
        if (s.getStringData() != null) {
            s.getStringData().forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Kubernetes' $(VAR) expansion: defined variables are replaced, $$ escapes, unknown references stay. */
    public static String expand(String s, Map<String, String> env) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == '$') {
                    out.append('$');
                    i++;
                    continue;
                }
                if (n == '(') {
                    int close = s.indexOf(')', i + 2);
                    if (close > 0) {
                        String name = s.substring(i + 2, close);
                        if (env.containsKey(name)) {
                            out.append(env.get(name));
                            i = close;
                            continue;
                        }
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    public static List<String> expandAll(List<String> items, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        if (items != null) {
            items.forEach(i -> out.add(expand(i, env)));
        }
        return out;
    }
}
