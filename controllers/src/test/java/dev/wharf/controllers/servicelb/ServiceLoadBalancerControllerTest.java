package dev.wharf.controllers.servicelb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.ControllerManager;
import dev.wharf.controllers.endpoints.ServiceFixture;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceLoadBalancerControllerTest {
    final ServiceFixture f = new ServiceFixture(ServiceNetworking.DEFAULTS.withPool("127.0.100.0/30"));

    Service lb(String name, java.util.function.Consumer<io.fabric8.kubernetes.api.model.ServiceBuilder> change) {
        return f.service(name, 8080, b -> {
            b.editSpec().withType("LoadBalancer").endSpec();
            change.accept(b);
        });
    }

    String address(String name) {
        return ServiceLoadBalancerController.currentAddress(f.api.get(Service.class, "default", name));
    }

    List<String> warnings() {
        return f.api.list(Event.class, ListOptions.all()).items().stream().map(Event::getReason).toList();
    }

    @Test
    void assignsFromThePoolWithPortsAndFreesOnDeleteAndTypeChange() {
        lb("a", b -> { });
        lb("b", b -> { });
        assertThat(address("a")).isEqualTo("127.0.100.1");
        assertThat(address("b")).isEqualTo("127.0.100.2");
        Service a = f.api.get(Service.class, "default", "a");
        assertThat(a.getStatus().getLoadBalancer().getIngress().get(0).getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(80);
            assertThat(p.getProtocol()).isEqualTo("TCP");
        });
        lb("c", b -> { });
        assertThat(address("c")).isNull();
        assertThat(warnings()).contains("AddressPoolExhausted");
        f.delete(Service.class, "a");
        assertThat(address("c")).isEqualTo("127.0.100.1");
        Service b = f.api.get(Service.class, "default", "b");
        b.getSpec().setType("ClusterIP");
        f.api.update(b);
        f.settle();
        assertThat(address("b")).isNull();
    }

    @Test
    void requestedAddressesMustBeInThePoolAndOtherClassesAreLeftAlone() {
        lb("want", b -> b.editSpec().withLoadBalancerIP("127.0.100.2").endSpec());
        assertThat(address("want")).isEqualTo("127.0.100.2");
        lb("outside", b -> b.editSpec().withLoadBalancerIP("10.0.0.1").endSpec());
        assertThat(address("outside")).isNull();
        assertThat(warnings()).containsOnlyOnce("LoadBalancerIPNotInPool");
        lb("metallb", b -> b.editSpec().withLoadBalancerClass("metallb.io/metallb").endSpec());
        assertThat(address("metallb")).isNull();
        lb("ours", b -> b.editSpec().withLoadBalancerClass("wharf.dev/gateway").endSpec());
        assertThat(address("ours")).isEqualTo("127.0.100.1");
    }

    @Test
    void aRestartedControllerKeepsTheAddressesInUse() {
        var clock = new dev.wharf.common.ManualClock();
        var api = new dev.wharf.controller.runtime.fake.FakeApiClient(clock, Randoms.seeded(1));
        Service old = api.create(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withNamespace("default")
                .withName("old").endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort()
                .endSpec().build());
        old.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer().addNewIngress()
                .withIp("127.0.100.1").withIpMode("VIP").addNewPort().withPort(80).withProtocol("TCP").endPort().endIngress()
                .endLoadBalancer().build());
        api.updateStatus(old);
        ControllerManager manager = new ControllerManager(api, clock);
        new ServiceLoadBalancerController(manager, "127.0.100.0/24");
        manager.startInformers();
        manager.runUntilIdle();
        api.create(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withNamespace("default")
                .withName("new").endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort()
                .endSpec().build());
        manager.runUntilIdle();
        assertThat(ServiceLoadBalancerController.currentAddress(api.get(Service.class, "default", "old"))).isEqualTo("127.0.100.1");
        assertThat(ServiceLoadBalancerController.currentAddress(api.get(Service.class, "default", "new"))).isEqualTo("127.0.100.2");
        assertThat(api.actions()).filteredOn(a -> a.name().equals("old") && a.verb().startsWith("update")).hasSize(1);
    }
}
