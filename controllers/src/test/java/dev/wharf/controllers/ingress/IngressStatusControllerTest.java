package dev.wharf.controllers.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.controllers.endpoints.ServiceFixture;
import dev.wharf.controllers.servicelb.ServiceNetworking;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressStatusControllerTest {
    final ServiceFixture f = new ServiceFixture(ServiceNetworking.DEFAULTS.withGateway("127.0.0.1", List.of(8080, 8443)));

    Ingress ingress(String name, String className) {
        Ingress ing = f.api.create(new IngressBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewSpec().withIngressClassName(className).withNewDefaultBackend().withNewService().withName("web")
                .withNewPort().withNumber(80).endPort().endService().endDefaultBackend().endSpec().build());
        f.settle();
        return ing;
    }

    String address(String name) {
        Ingress ing = f.api.get(Ingress.class, "default", name);
        if (ing.getStatus() == null || ing.getStatus().getLoadBalancer() == null
                || ing.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            return null;
        }
        return ing.getStatus().getLoadBalancer().getIngress().get(0).getIp();
    }

    void wharfClass(boolean isDefault) {
        IngressClass ic = new IngressClassBuilder().withNewMetadata().withName("wharf")
                .addToAnnotations("ingressclass.kubernetes.io/is-default-class", Boolean.toString(isDefault)).endMetadata()
                .withNewSpec().withController("wharf.dev/gateway").endSpec().build();
        IngressClass existing = f.api.get(IngressClass.class, null, "wharf");
        if (existing == null) {
            f.api.create(ic);
        } else {
            existing.getMetadata().getAnnotations().put("ingressclass.kubernetes.io/is-default-class", Boolean.toString(isDefault));
            f.api.update(existing);
        }
        f.settle();
    }

    @Test
    void wharfIngressesGetTheGatewayAddressAndPorts() {
        ingress("shop", "wharf");
        assertThat(address("shop")).isEqualTo("127.0.0.1");
        Ingress shop = f.api.get(Ingress.class, "default", "shop");
        assertThat(shop.getStatus().getLoadBalancer().getIngress().get(0).getPorts())
                .extracting(p -> p.getPort()).containsExactly(8080, 8443);
        f.api.clearActions();
        Ingress touched = f.api.get(Ingress.class, "default", "shop");
        touched.getMetadata().getLabels().put("touched", "yes");
        f.api.update(touched);
        f.settle();
        assertThat(f.writes("ingresses")).isEqualTo(1);
    }

    @Test
    void unclassedIngressesFollowTheDefaultClassAndOtherClassesAreLeftAlone() {
        ingress("plain", null);
        ingress("nginx", "nginx");
        assertThat(address("plain")).isNull();
        wharfClass(false);
        assertThat(address("plain")).isNull();
        wharfClass(true);
        assertThat(address("plain")).isEqualTo("127.0.0.1");
        assertThat(address("nginx")).isNull();
        Ingress moved = f.api.get(Ingress.class, "default", "plain");
        moved.getSpec().setIngressClassName("nginx");
        f.api.update(moved);
        f.settle();
        assertThat(address("plain")).isNull();
    }
}
