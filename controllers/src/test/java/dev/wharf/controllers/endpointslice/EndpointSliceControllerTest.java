package dev.wharf.controllers.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.controllers.endpoints.ServiceFixture;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSliceControllerTest {
    final ServiceFixture f = new ServiceFixture();

    EndpointSlice onlySlice() {
        List<EndpointSlice> slices = f.list(EndpointSlice.class);
        assertThat(slices).hasSize(1);
        return slices.get(0);
    }

    @Test
    void publishesReadyPodsWithConditionsZoneNodeAndTargetRef() {
        f.node("n1", "a");
        Service svc = f.service("web", "http", b -> { });
        f.pod("web-1", "web", "n1", "10.0.0.2", true);
        f.pod("web-2", "web", "n1", "10.0.0.1", false);
        f.pod("other", "db", "n1", "10.0.0.3", true);
        EndpointSlice slice = onlySlice();
        assertThat(slice.getMetadata().getName()).matches("web-[a-z0-9]{5}");
        assertThat(slice.getMetadata().getLabels())
                .containsEntry("kubernetes.io/service-name", "web")
                .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.wharf.dev");
        assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(svc.getMetadata().getUid());
            assertThat(ref.getKind()).isEqualTo("Service");
            assertThat(ref.getController()).isTrue();
        });
        assertThat(slice.getAddressType()).isEqualTo("IPv4");
        assertThat(slice.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getPort()).isEqualTo(8080);
            assertThat(p.getProtocol()).isEqualTo("TCP");
        });
        assertThat(slice.getEndpoints()).extracting(e -> e.getAddresses().get(0)).containsExactly("10.0.0.1", "10.0.0.2");
        Endpoint notReady = slice.getEndpoints().get(0);
        Endpoint ready = slice.getEndpoints().get(1);
        assertThat(notReady.getConditions().getReady()).isFalse();
        assertThat(notReady.getConditions().getServing()).isFalse();
        assertThat(ready.getConditions().getReady()).isTrue();
        assertThat(ready.getConditions().getServing()).isTrue();
        assertThat(ready.getConditions().getTerminating()).isFalse();
        assertThat(ready.getZone()).isEqualTo("a");
        assertThat(ready.getNodeName()).isEqualTo("n1");
        assertThat(ready.getTargetRef().getKind()).isEqualTo("Pod");
        assertThat(ready.getTargetRef().getName()).isEqualTo("web-1");
        assertThat(ready.getTargetRef().getNamespace()).isEqualTo("default");
        assertThat(ready.getTargetRef().getUid()).isNotEmpty();
    }

    @Test
    void followsReadinessWithoutRewritingUnchangedSlices() {
        f.service("web", 8080, b -> { });
        f.pod("web-1", "web", "n1", "10.0.0.1", false);
        String name = onlySlice().getMetadata().getName();
        f.setReady("web-1", true);
        assertThat(onlySlice().getEndpoints().get(0).getConditions().getReady()).isTrue();
        assertThat(onlySlice().getMetadata().getName()).isEqualTo(name);
        f.api.clearActions();
        f.clock.advance(java.time.Duration.ofSeconds(5));
        f.setReady("web-1", true);
        Pod p = f.api.get(Pod.class, "default", "web-1");
        p.getMetadata().getAnnotations().put("touched", "yes");
        f.api.update(p);
        f.settle();
        assertThat(f.writes("endpointslices")).isZero();
        assertThat(f.writes("endpoints")).isZero();
    }

    @Test
    void terminatingPodsStayServingButNotReadyAndPublishNotReadyMakesAllReady() {
        f.api.gracefulPodDeletion(true);
        f.service("web", 8080, b -> { });
        f.pod("web-1", "web", "n1", "10.0.0.1", true);
        f.delete(Pod.class, "web-1");
        Endpoint e = onlySlice().getEndpoints().get(0);
        assertThat(e.getConditions().getTerminating()).isTrue();
        assertThat(e.getConditions().getServing()).isTrue();
        assertThat(e.getConditions().getReady()).isFalse();

        f.service("pub", 8080, b -> b.editSpec().withPublishNotReadyAddresses(true).endSpec());
        f.pod("pub-1", "pub", "n1", "10.0.1.1", false);
        EndpointSlice pub = f.list(EndpointSlice.class).stream()
                .filter(s -> s.getMetadata().getLabels().get("kubernetes.io/service-name").equals("pub")).findFirst().orElseThrow();
        assertThat(pub.getEndpoints().get(0).getConditions().getReady()).isTrue();
        assertThat(pub.getEndpoints().get(0).getConditions().getServing()).isFalse();
    }

    @Test
    void podsWithoutTheNamedPortOrWithoutIpAreLeftOutAndHeadlessPodsGetHostnames() {
        f.service("web", "metrics", b -> b.editSpec().withClusterIP("None").endSpec());
        f.pod("web-1", "web", "n1", "10.0.0.1", true);
        EndpointSlice slice = onlySlice();
        assertThat(slice.getEndpoints()).isEmpty();
        assertThat(slice.getPorts()).isEmpty();
        assertThat(slice.getMetadata().getLabels()).containsKey("service.kubernetes.io/headless");

        f.service("db", "http", b -> b.editSpec().withClusterIP("None").endSpec());
        Pod pod = f.pod("db-0", "db", "n1", "10.0.2.1", true);
        pod = f.api.get(Pod.class, "default", "db-0");
        pod.getSpec().setHostname("db-0");
        pod.getSpec().setSubdomain("db");
        f.api.update(pod);
        f.settle();
        EndpointSlice db = f.list(EndpointSlice.class).stream()
                .filter(s -> s.getMetadata().getLabels().get("kubernetes.io/service-name").equals("db")).findFirst().orElseThrow();
        assertThat(db.getEndpoints()).singleElement().satisfies(e -> assertThat(e.getHostname()).isEqualTo("db-0"));
    }

    @Test
    void moreThanAHundredEndpointsSpreadOverSlicesAndScaleDownRemovesThem() {
        f.service("web", 8080, b -> { });
        for (int i = 0; i < 150; i++) {
            f.pod("web-" + i, "web", "n1", "10.1." + (i / 200) + "." + (i % 200 + 1), true);
        }
        List<EndpointSlice> slices = f.list(EndpointSlice.class);
        assertThat(slices).hasSize(2);
        assertThat(slices.stream().mapToInt(s -> s.getEndpoints().size()).sum()).isEqualTo(150);
        assertThat(slices).allSatisfy(s -> assertThat(s.getEndpoints()).hasSizeLessThanOrEqualTo(100));
        for (int i = 0; i < 100; i++) {
            f.api.delete(Pod.class, "default", "web-" + i, dev.wharf.controller.runtime.ApiClient.DeleteOptions.background());
        }
        f.settle();
        assertThat(onlySlice().getEndpoints()).hasSize(50);
    }

    @Test
    void aDeletedSliceComesBackAndServicesWithoutSelectorGetNone() {
        f.service("web", 8080, b -> { });
        f.pod("web-1", "web", "n1", "10.0.0.1", true);
        f.delete(EndpointSlice.class, onlySlice().getMetadata().getName());
        assertThat(onlySlice().getEndpoints()).hasSize(1);
        f.service("manual", 8080, b -> b.editSpec().withSelector(null).endSpec());
        assertThat(f.list(EndpointSlice.class)).hasSize(1);
        f.delete(Service.class, "web");
        assertThat(f.list(EndpointSlice.class)).isEmpty();
    }
}
