package dev.wharf.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import org.junit.jupiter.api.Test;

class EndpointsControllerTest {
    final ServiceFixture f = new ServiceFixture();

    Endpoints endpoints(String name) {
        return f.api.get(Endpoints.class, "default", name);
    }

    @Test
    void readyAndNotReadyAddressesWithResolvedPorts() {
        f.service("web", "http", b -> { });
        f.pod("web-1", "web", "n1", "10.0.0.1", true);
        f.pod("web-2", "web", "n1", "10.0.0.2", false);
        Endpoints ep = endpoints("web");
        assertThat(ep.getSubsets()).singleElement().satisfies(s -> {
            assertThat(s.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.1");
            assertThat(s.getNotReadyAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.2");
            assertThat(s.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getPort()).isEqualTo(8080);
            });
            assertThat(s.getAddresses().get(0).getTargetRef().getName()).isEqualTo("web-1");
            assertThat(s.getAddresses().get(0).getNodeName()).isEqualTo("n1");
        });
        f.setReady("web-2", true);
        assertThat(endpoints("web").getSubsets().get(0).getAddresses()).hasSize(2);
        f.delete(Pod.class, "web-1");
        assertThat(endpoints("web").getSubsets().get(0).getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.2");
    }

    @Test
    void podsServingDifferentPortSetsLandInDifferentSubsets() {
        f.service("web", "http", b -> b.editSpec().addToPorts(new ServicePortBuilder().withName("admin").withPort(9000)
                .withProtocol("TCP").withNewTargetPort(9000).build()).endSpec());
        f.pod("web-1", "web", "n1", "10.0.0.1", true);
        Pod noHttp = f.api.get(Pod.class, "default", "web-1");
        f.pod("web-2", "web", "n1", "10.0.0.2", true);
        Pod p2 = f.api.get(Pod.class, "default", "web-2");
        p2.getSpec().getContainers().get(0).getPorts().get(0).setName("other");
        f.api.update(p2);
        f.settle();
        assertThat(noHttp).isNotNull();
        Endpoints ep = endpoints("web");
        assertThat(ep.getSubsets()).hasSize(2);
        assertThat(ep.getSubsets()).anySatisfy(s -> {
            assertThat(s.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.1");
            assertThat(s.getPorts()).hasSize(2);
        });
        assertThat(ep.getSubsets()).anySatisfy(s -> {
            assertThat(s.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.2");
            assertThat(s.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(9000));
        });
    }

    @Test
    void terminatingPodsLeaveUnlessPublishNotReadyAndManualEndpointsAreLeftAlone() {
        f.api.gracefulPodDeletion(true);
        f.service("web", 8080, b -> { });
        f.pod("web-1", "web", "n1", "10.0.0.1", true);
        f.delete(Pod.class, "web-1");
        assertThat(endpoints("web").getSubsets()).isEmpty();

        f.service("manual", 8080, b -> b.editSpec().withSelector(null).endSpec());
        f.api.create(new EndpointsBuilder().withNewMetadata().withNamespace("default").withName("manual").endMetadata()
                .addNewSubset().addNewAddress().withIp("192.168.1.1").endAddress().addNewPort().withPort(5432).endPort()
                .endSubset().build());
        f.settle();
        f.api.clearActions();
        f.pod("manual-1", "manual", "n1", "10.0.0.9", true);
        assertThat(endpoints("manual").getSubsets().get(0).getAddresses().get(0).getIp()).isEqualTo("192.168.1.1");
        assertThat(f.writes("endpoints")).isZero();
    }

    @Test
    void theEndpointsGoWithTheService() {
        f.service("web", 8080, b -> { });
        assertThat(endpoints("web")).isNotNull();
        f.delete(Service.class, "web");
        assertThat(endpoints("web")).isNull();
    }
}
