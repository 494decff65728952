package dev.wharf.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.apiserver.KubectlTarget.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real kubectl on Services, node ports, EndpointSlices and IngressClasses. */
class KubectlServicesIT {
    @TempDir
    static Path dir;
    static KubectlTarget target;

    @BeforeAll
    static void start() throws Exception {
        target = KubectlTarget.start(dir, Path.of("/usr/bin/kubectl"), "svc-token", 11);
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    static Result run(String stdin, String... args) throws Exception {
        return target.run(target.kubeconfig, stdin, args);
    }

    static Result ok(String stdin, String... args) throws Exception {
        Result r = run(stdin, args);
        assertThat(r.rc()).as("kubectl %s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    static String service(String name, String nodePort, String label) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s, labels: {v: "%s"}}
                spec:
                  type: NodePort
                  selector: {app: %s}
                  ports: [{name: http, port: 80, targetPort: http%s}]
                """.formatted(name, label, name, nodePort.isEmpty() ? "" : ", nodePort: " + nodePort);
    }

    @Test
    void nodePortsAreAllocatedCheckedAndKeptOnReapply() throws Exception {
        ok(service("fixed", "30080", "1"), "apply", "-f", "-");
        assertThat(ok(null, "get", "svc", "fixed", "-o", "jsonpath={.spec.ports[0].nodePort}").out()).isEqualTo("30080");
        Result taken = run(service("thief", "30080", "1"), "apply", "-f", "-");
        assertThat(taken.rc()).isNotZero();
        assertThat(taken.err()).contains("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");
        Result outside = run(service("far", "40000", "1"), "apply", "-f", "-");
        assertThat(outside.err()).contains("provided port is not in the valid range. The range of valid ports is 30000-32767");

        ok(service("auto", "", "1"), "apply", "-f", "-");
        String port = ok(null, "get", "svc", "auto", "-o", "jsonpath={.spec.ports[0].nodePort}").out();
        assertThat(Integer.parseInt(port)).isBetween(30000, 32767);
        ok(service("auto", "", "2"), "apply", "-f", "-");
        ok(service("auto", "", "3"), "apply", "--server-side", "--force-conflicts", "-f", "-");
        assertThat(ok(null, "get", "svc", "auto", "-o", "jsonpath={.spec.ports[0].nodePort}").out()).isEqualTo(port);
        String table = ok(null, "get", "svc", "fixed").out();
        assertThat(table.lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE");
        assertThat(table).contains("NodePort").contains("<none>").contains("80:30080/TCP");
    }

    @Test
    void endpointSlicesAndIngressClassesAreServedPrintedAndExplained() throws Exception {
        ok("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-abcde, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                ports: [{name: http, port: 8080}]
                endpoints:
                - addresses: [10.0.0.5]
                  conditions: {ready: true}
                ---
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata: {name: wharf}
                spec: {controller: wharf.dev/gateway}
                """, "apply", "-f", "-");
        String slices = ok(null, "get", "endpointslices").out();
        assertThat(slices.lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE");
        assertThat(slices).contains("web-abcde").contains("IPv4").contains("8080").contains("10.0.0.5");
        assertThat(ok(null, "get", "endpointslices", "-l", "kubernetes.io/service-name=web", "-o",
                "jsonpath={.items[0].ports[0].protocol}").out()).isEqualTo("TCP");
        String classes = ok(null, "get", "ingressclass").out();
        assertThat(classes.lines().findFirst().orElseThrow().split("\\s+")).containsExactly("NAME", "CONTROLLER", "PARAMETERS", "AGE");
        assertThat(classes).contains("wharf.dev/gateway").contains("<none>");
        assertThat(ok(null, "explain", "endpointslice.endpoints.conditions").out()).contains("serving").contains("terminating");
        assertThat(ok(null, "explain", "ingressclass.spec").out()).contains("controller");
        assertThat(ok(null, "api-resources", "--api-group=discovery.k8s.io").out()).contains("endpointslices");
        Result bad = run("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: nopath}
                spec:
                  rules:
                  - http:
                      paths:
                      - path: /
                        backend: {service: {name: web, port: {number: 80}}}
                """, "apply", "-f", "-");
        assertThat(bad.err()).contains("spec.rules[0].http.paths[0].pathType: Required value");
    }
}
