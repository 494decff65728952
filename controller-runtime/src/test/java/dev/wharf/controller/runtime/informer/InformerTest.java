package dev.wharf.controller.runtime.informer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.ApiException;
import dev.wharf.common.ManualClock;
import dev.wharf.common.Randoms;
import dev.wharf.controller.runtime.ApiClient.DeleteOptions;
import dev.wharf.controller.runtime.fake.FakeApiClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InformerTest {
    final FakeApiClient api = new FakeApiClient(new ManualClock(), Randoms.seeded(2));
    final List<String> events = new ArrayList<>();

    ConfigMap cm(String ns, String name, String ownerUid) {
        ConfigMapBuilder b = new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata();
        if (ownerUid != null) {
            b.editMetadata().addToOwnerReferences(new OwnerReferenceBuilder().withUid(ownerUid).withName("o")
                    .withKind("ConfigMap").withApiVersion("v1").build()).endMetadata();
        }
        return b.build();
    }

    Informer<ConfigMap> informer() {
        Informer<ConfigMap> informer = new Informer<>(api, ConfigMap.class);
        informer.addHandler(new EventHandler<>() {
            @Override
            public void onAdd(ConfigMap o) {
                events.add("add " + o.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap old, ConfigMap now) {
                events.add("update " + now.getMetadata().getName());
            }

            @Override
            public void onDelete(ConfigMap last) {
                events.add("delete " + last.getMetadata().getName());
            }
        });
        return informer;
    }

    @Test
    void listsThenFollowsChangesWithIndexes() {
        String owner = api.create(cm("a", "owner", null)).getMetadata().getUid();
        Informer<ConfigMap> informer = informer();
        informer.start();
        assertThat(informer.hasSynced()).isTrue();
        api.create(cm("a", "child", owner));
        api.create(cm("b", "other", null));
        ConfigMap child = api.get(ConfigMap.class, "a", "child");
        child.setData(java.util.Map.of("x", "y"));
        api.update(child);
        api.delete(ConfigMap.class, "b", "other", DeleteOptions.DEFAULT);
        assertThat(events).containsExactly("add owner", "add child", "add other", "update child", "delete other");
        assertThat(informer.cache().byNamespace("a")).hasSize(2);
        assertThat(informer.cache().byOwner(owner)).extracting(c -> c.getMetadata().getName()).containsExactly("child");
        assertThat(informer.cache().getByUid(owner).getMetadata().getName()).isEqualTo("owner");
    }

    @Test
    void relistsWhenTheWatchIsGoneAndReportsWhatChangedMeanwhile() {
        api.create(cm("a", "one", null));
        Informer<ConfigMap> informer = informer();
        informer.start();
        informer.stop();
        // Changes while not watching...
        api.create(cm("a", "two", null));
        api.delete(ConfigMap.class, "a", "one", DeleteOptions.DEFAULT);
        events.clear();
        informer.start();
        assertThat(events).containsExactly("add two", "delete one");
        events.clear();
        api.closeWatches(ConfigMap.class, ApiException.gone("too old"));
        api.create(cm("a", "three", null));
        assertThat(informer.relists()).isEqualTo(3);
        assertThat(events).containsExactly("add three");
        assertThat(informer.cache().list()).extracting(c -> c.getMetadata().getName()).containsExactly("three", "two");
    }
}
