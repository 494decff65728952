package dev.wharf.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.ApiException;
import dev.wharf.api.resource.ResourceTypes;
import dev.wharf.common.Json;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {
    private static final JsonNode POD = Json.parse("""
            {"metadata":{"name":"web-1","namespace":"default"},
             "spec":{"nodeName":"n1","restartPolicy":"Always"},"status":{"phase":"Running","podIP":"100.96.0.5"}}""");
    private static final JsonNode EVENT = Json.parse("""
            {"metadata":{"name":"e1","namespace":"default"},"reason":"Scheduled","type":"Normal",
             "source":{"component":"default-scheduler"},
             "involvedObject":{"kind":"Pod","name":"web-1","namespace":"default","uid":"u-1"}}""");

    @Test
    void podFields() {
        assertThat(FieldSelector.parse(ResourceTypes.PODS, "metadata.name=web-1").matches(POD)).isTrue();
        assertThat(FieldSelector.parse(ResourceTypes.PODS, "metadata.name==web-2").matches(POD)).isFalse();
        assertThat(FieldSelector.parse(ResourceTypes.PODS, "spec.nodeName=n1,status.phase!=Pending").matches(POD)).isTrue();
        assertThat(FieldSelector.parse(ResourceTypes.PODS, "status.phase!=Running").matches(POD)).isFalse();
        assertThat(FieldSelector.parse(ResourceTypes.PODS, "spec.nodeName=").matches(POD)).isFalse();
        assertThat(FieldSelector.parse(ResourceTypes.PODS, "status.nominatedNodeName=").matches(POD)).isTrue();
        assertThat(FieldSelector.parse(ResourceTypes.PODS, null).matches(POD)).isTrue();
    }

    @Test
    void eventFieldsAsKubectlDescribeSendsThem() {
        FieldSelector s = FieldSelector.parse(ResourceTypes.EVENTS,
                "involvedObject.name=web-1,involvedObject.namespace=default,involvedObject.kind=Pod,involvedObject.uid=u-1");
        assertThat(s.matches(EVENT)).isTrue();
        assertThat(FieldSelector.parse(ResourceTypes.EVENTS, "source=default-scheduler,type=Normal").matches(EVENT)).isTrue();
        assertThat(FieldSelector.parse(ResourceTypes.EVENTS, "involvedObject.uid=u-2").matches(EVENT)).isFalse();
    }

    @Test
    void otherKinds() {
        JsonNode node = Json.parse("{\"metadata\":{\"name\":\"n1\"},\"spec\":{}}");
        assertThat(FieldSelector.parse(ResourceTypes.NODES, "spec.unschedulable=false").matches(node)).isTrue();
        JsonNode secret = Json.parse("{\"metadata\":{\"name\":\"s\"},\"type\":\"Opaque\"}");
        assertThat(FieldSelector.parse(ResourceTypes.SECRETS, "type=Opaque").matches(secret)).isTrue();
        JsonNode rs = Json.parse("{\"metadata\":{\"name\":\"r\"},\"status\":{}}");
        assertThat(FieldSelector.parse(ResourceTypes.REPLICASETS, "status.replicas=0").matches(rs)).isTrue();
    }

    @Test
    void exactValueForIndexes() {
        assertThat(FieldSelector.parse(ResourceTypes.PODS, "metadata.name=web-1").exactValue("metadata.name")).contains("web-1");
        assertThat(FieldSelector.parse(ResourceTypes.PODS, "metadata.name!=web-1").exactValue("metadata.name")).isEmpty();
    }

    @Test
    void unsupportedFieldIsABadRequest() {
        assertThatThrownBy(() -> FieldSelector.parse(ResourceTypes.DEPLOYMENTS, "spec.foo=bar"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("field label not supported: spec.foo");
                });
        assertThatThrownBy(() -> FieldSelector.parse(ResourceTypes.PODS, "justtext")).isInstanceOf(ApiException.class);
    }

    @Test
    void escapedCommas() {
        JsonNode cm = Json.parse("{\"metadata\":{\"name\":\"a,b\"}}");
        assertThat(FieldSelector.parse(ResourceTypes.CONFIGMAPS, "metadata.name=a\\,b").matches(cm)).isTrue();
    }
}
