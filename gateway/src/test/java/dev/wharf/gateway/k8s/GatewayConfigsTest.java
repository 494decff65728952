package dev.wharf.gateway.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Json;
import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.Endpoint;
import dev.wharf.gateway.model.HttpRoute;
import dev.wharf.gateway.model.LbPolicy;
import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.model.PathType;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayConfigsTest {
    private static final GatewaySettings DEV = GatewaySettings.dev(8080, 8443, true);

    static <T> T yaml(String text, Class<T> type) {
        try {
            return Json.YAML.readValue(text, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Service web() {
        return yaml("""
                metadata: {name: web, namespace: shop, annotations: {gateway.wharf.dev/lb-policy: least-request}}
                spec:
                  type: NodePort
                  clusterIP: 100.64.0.20
                  sessionAffinity: ClientIP
                  ports:
                  - {name: http, port: 80, targetPort: http, appProtocol: http, nodePort: 30080}
                  - {name: raw, port: 9000, targetPort: 9000}
                  - {name: dns, port: 53, protocol: UDP, targetPort: 53}
                """, Service.class);
    }

    static EndpointSlice webSlice() {
        return yaml("""
                metadata: {name: web-abcde, namespace: shop, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                ports:
                - {name: http, port: 8080, protocol: TCP}
                - {name: raw, port: 9000, protocol: TCP}
                endpoints:
                - addresses: [100.96.1.5]
                  conditions: {ready: true}
                  zone: a
                  nodeName: node-1
                  targetRef: {kind: Pod, namespace: shop, name: web-1}
                - addresses: [100.96.2.7]
                  conditions: {ready: false, terminating: true}
                  zone: b
                  nodeName: node-2
                  targetRef: {kind: Pod, namespace: shop, name: web-2}
                """, EndpointSlice.class);
    }

    static ClusterView view(List<Service> svcs, List<EndpointSlice> slices, List<Ingress> ings, List<Secret> secrets) {
        return new ClusterView(svcs, slices, ings, secrets, List.of());
    }

    @Test
    void everyServicePortIsAClusterWithTheEndpointsOfItsSlicePort() {
        var t = GatewayConfigs.translate(view(List.of(web()), List.of(webSlice()), List.of(), List.of()), DEV);
        Cluster http = t.config().clusters().get("shop/web:80");
        assertThat(http.policy()).isEqualTo(LbPolicy.LEAST_REQUEST);
        assertThat(http.clientIpAffinity()).isTrue();
        assertThat(http.affinityTimeoutSeconds()).isEqualTo(10800);
        assertThat(http.endpoints()).containsExactly(
                new Endpoint("100.96.1.5", 8080, "a", "node-1", "shop/web-1", true, false),
                new Endpoint("100.96.2.7", 8080, "b", "node-2", "shop/web-2", false, true));
        assertThat(t.config().clusters().get("shop/web:9000").endpoints()).extracting(Endpoint::port).containsOnly(9000);
        assertThat(t.config().clusters().get("shop/web:53").endpoints()).as("no slice port named dns").isEmpty();
    }

    @Test
    void clusterIpPortsNodePortsAndLoadBalancerAddressesAreListeners() {
        Service lb = yaml("""
                metadata: {name: api, namespace: shop}
                spec: {type: LoadBalancer, clusterIP: 100.64.0.21, ports: [{port: 443, nodePort: 31443}]}
                status: {loadBalancer: {ingress: [{ip: 127.0.100.1}]}}
                """, Service.class);
        var t = GatewayConfigs.translate(view(List.of(web(), lb), List.of(), List.of(), List.of()), DEV);
        List<Listener> ls = t.config().listeners();
        assertThat(ls).filteredOn(l -> l instanceof Listener.Http h && h.bindIp().equals("100.64.0.20"))
                .singleElement().satisfies(l -> {
                    HttpRoute r = ((Listener.Http) l).routes().getFirst();
                    assertThat(r.backends().getFirst().clusterId()).isEqualTo("shop/web:80");
                    assertThat(l.port()).isEqualTo(80);
                });
        assertThat(ls).contains(new Listener.Tcp("100.64.0.20", 9000, "shop/web:9000"),
                new Listener.Udp("100.64.0.20", 53, "shop/web:53"),
                new Listener.Tcp("100.64.0.21", 443, "shop/api:443"),
                new Listener.Tcp("127.0.0.1", 31443, "shop/api:443"),
                new Listener.Tcp("127.0.100.1", 443, "shop/api:443"));
        assertThat(ls).anySatisfy(l -> assertThat(l).isInstanceOf(Listener.Http.class)
                .matches(x -> x.bindIp().equals("127.0.0.1") && x.port() == 30080));
        assertThat(t.virtualIps()).containsExactly("100.64.0.20", "100.64.0.21");
    }

    @Test
    void headlessExternalNameAndNodeLocalServicesGetNoListener() {
        Service headless = yaml("metadata: {name: db, namespace: shop}\nspec: {clusterIP: None, ports: [{port: 5432}]}", Service.class);
        Service ext = yaml("metadata: {name: ext, namespace: shop}\nspec: {type: ExternalName, externalName: example.com}", Service.class);
        Service dns = yaml("""
                metadata: {name: kube-dns, namespace: kube-system, annotations: {gateway.wharf.dev/node-local: dns}}
                spec: {clusterIP: 100.64.0.10, ports: [{name: dns, port: 53, protocol: UDP}]}
                """, Service.class);
        var t = GatewayConfigs.translate(view(List.of(headless, ext, dns), List.of(), List.of(), List.of()),
                GatewaySettings.dev(0, 0, true));
        assertThat(t.config().listeners()).isEmpty();
        assertThat(t.virtualIps()).isEmpty();
    }

    @Test
    void withoutClusterIpServingOnlyNodePortsAndIngressAreBound() {
        var t = GatewayConfigs.translate(view(List.of(web()), List.of(), List.of(), List.of()), GatewaySettings.dev(8080, 8443, false));
        assertThat(t.config().listeners()).extracting(Listener::bindIp).containsOnly("127.0.0.1");
        assertThat(t.virtualIps()).isEmpty();
    }

    @Test
    void ingressRulesBecomeRoutesOnTheIngressPortWithDefaultBackendsLastAndTlsOnItsOwnPort() {
        Ingress ing = yaml("""
                metadata: {name: shop, namespace: shop, creationTimestamp: "2026-01-01T00:00:00Z"}
                spec:
                  ingressClassName: wharf
                  defaultBackend: {service: {name: web, port: {number: 80}}}
                  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
                  rules:
                  - host: shop.example.com
                    http:
                      paths:
                      - {path: /api, pathType: Exact, backend: {service: {name: web, port: {name: raw}}}}
                      - {path: /, pathType: ImplementationSpecific, backend: {service: {name: missing, port: {name: http}}}}
                """, Ingress.class);
        Ingress other = yaml("""
                metadata: {name: theirs, namespace: shop}
                spec: {ingressClassName: nginx, rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]}
                """, Ingress.class);
        Secret tls = yaml("""
                metadata: {name: shop-tls, namespace: shop}
                type: kubernetes.io/tls
                data: {tls.crt: Q0VSVA==, tls.key: S0VZ}
                """, Secret.class);
        var t = GatewayConfigs.translate(view(List.of(web()), List.of(webSlice()), List.of(other, ing), List.of(tls)), DEV);
        Listener.Http plain = (Listener.Http) t.config().listeners().stream()
                .filter(l -> l.port() == 8080).findFirst().orElseThrow();
        assertThat(plain.tls()).isFalse();
        assertThat(plain.routes()).extracting(HttpRoute::host, HttpRoute::pathType, HttpRoute::path,
                        r -> r.backends().getFirst().clusterId())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("shop.example.com", PathType.EXACT, "/api", "shop/web:9000"),
                        org.assertj.core.groups.Tuple.tuple("shop.example.com", PathType.IMPLEMENTATION_SPECIFIC, "/", "shop/missing:0"),
                        org.assertj.core.groups.Tuple.tuple("", PathType.PREFIX, "/", "shop/web:80"));
        assertThat(t.config().clusters().get("shop/missing:0").endpoints()).isEmpty();
        Listener.Http secure = (Listener.Http) t.config().listeners().stream()
                .filter(l -> l.port() == 8443).findFirst().orElseThrow();
        assertThat(secure.certificates()).singleElement().satisfies(c -> {
            assertThat(c.hosts()).containsExactly("shop.example.com");
            assertThat(c.certificateChainPem()).isEqualTo("CERT");
            assertThat(c.privateKeyPem()).isEqualTo("KEY");
        });
    }

    @Test
    void ingressesWithoutClassAreOursOnlyWhenWeAreTheDefaultClass() {
        Ingress noClass = yaml("metadata: {name: x, namespace: d}\nspec: {defaultBackend: {service: {name: web, port: {number: 80}}}}", Ingress.class);
        assertThat(IngressRoutes.isOurs(noClass, DEV)).isTrue();
        assertThat(IngressRoutes.isOurs(noClass, new GatewaySettings("127.0.0.1", 8080, 0, "127.0.0.1", false, "wharf", false))).isFalse();
    }

    @Test
    void clientZonesComeFromTheNodesPodCidrs() throws Exception {
        Node n1 = yaml("metadata: {name: node-1, labels: {topology.kubernetes.io/zone: a}}\nspec: {podCIDR: 100.96.1.0/24}", Node.class);
        Node n2 = yaml("metadata: {name: node-2, labels: {topology.kubernetes.io/zone: b}}\nspec: {podCIDR: 100.96.2.0/24}", Node.class);
        PodCidrZones zones = new PodCidrZones();
        zones.update(List.of(n1, n2));
        assertThat(zones.zoneOf(InetAddress.getByName("100.96.2.77"))).isEqualTo("b");
        assertThat(zones.zoneOf(InetAddress.getByName("100.96.1.1"))).isEqualTo("a");
        assertThat(zones.zoneOf(InetAddress.getByName("127.0.0.1"))).isEmpty();
    }
}
