package dev.wharf.it.workloads;

/**
 * The manifests of the workload scenarios, written for both drivers: busybox httpd binds {@code $POD_IP:$PORT}
 * when the process driver sets them (127.x loopback pod IPs) and 0.0.0.0:8080 in a runc pod's own netns.
 */
final class Manifests {
    static final String HTTPD = "d=/tmp/www-${POD_IP:-pod}; mkdir -p $d; echo \"hello from $POD_NAME\" > $d/index.html; "
            + "exec httpd -f -p ${POD_IP:-0.0.0.0}:${PORT:-8080} -h $d";

    private Manifests() {
    }

    /** A Deployment of busybox httpd replicas, ready when they answer on 8080. */
    static String httpd(String name, int replicas, String extraSpec, String strategy, String envValue) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s}
                spec:
                  replicas: %2$d
                  selector: {matchLabels: {app: %1$s}}
                %4$s
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      terminationGracePeriodSeconds: 1
                %3$s
                      containers:
                      - name: web
                        image: busybox:latest
                        command: [sh, -c, '%5$s']
                        ports: [{containerPort: 8080}]
                        env:
                        - {name: VERSION, value: "%6$s"}
                        - name: POD_NAME
                          valueFrom: {fieldRef: {fieldPath: metadata.name}}
                        readinessProbe:
                          httpGet: {path: /, port: 8080}
                          periodSeconds: 1
                          failureThreshold: 1
                """.formatted(name, replicas, indent(extraSpec, 6), indent(strategy, 2), HTTPD, envValue);
    }

    static String zoneAntiAffinity(String app) {
        return """
                affinity:
                  podAntiAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                    - labelSelector: {matchLabels: {app: %s}}
                      topologyKey: topology.kubernetes.io/zone
                """.formatted(app);
    }

    /** With minReadySeconds 1, so that each step of the rollout lasts long enough to be sampled. */
    static String rollingUpdate(int maxSurge, int maxUnavailable) {
        return """
                minReadySeconds: 1
                strategy:
                  type: RollingUpdate
                  rollingUpdate: {maxSurge: %d, maxUnavailable: %d}
                """.formatted(maxSurge, maxUnavailable);
    }

    /** A bare pod with one busybox container running {@code script}, plus optional container fields. */
    static String pod(String name, String restartPolicy, String script, String containerExtra) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, labels: {app: %1$s}}
                spec:
                  restartPolicy: %2$s
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: busybox:latest
                    command: [sh, -c, '%3$s']
                %4$s
                """.formatted(name, restartPolicy, script, indent(containerExtra, 4));
    }

    static String probe(String kind, int port) {
        return """
                %s:
                  httpGet: {path: /, port: %d}
                  periodSeconds: 1
                  failureThreshold: 1
                """.formatted(kind, port);
    }

    private static String indent(String block, int spaces) {
        if (block.isEmpty()) {
            return "";
        }
        String pad = " ".repeat(spaces);
        return block.lines().map(l -> pad + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
