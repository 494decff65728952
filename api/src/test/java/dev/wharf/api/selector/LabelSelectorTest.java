package dev.wharf.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.ApiException;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {
    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front", "env", "prod");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "app=web | true",
            "app==web | true",
            "app=db | false",
            "app!=db | true",
            "app!=web | false",
            "missing!=x | true",
            "app=web,tier=front | true",
            "app=web,tier=back | false",
            "env in (prod, staging) | true",
            "env in (dev) | false",
            "env notin (dev,staging) | true",
            "env notin (prod) | false",
            "missing notin (prod) | true",
            "app | true",
            "missing | false",
            "!missing | true",
            "!app | false",
            "'  app = web , !canary ' | true",
            "'' | true"})
    void matchesLikeKubernetes(String selector, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(WEB)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"app=web=x", "env in prod", "env in (a", "!", "app=,", "=web", "a b"})
    void syntaxErrorsAreBadRequests(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("unable to parse requirement: ");
                });
    }

    @Test
    void invalidValuesAreRejected() {
        assertThatThrownBy(() -> LabelSelector.parse("app=-bad-"))
                .hasMessageContaining("values[0][app]: Invalid value: \"-bad-\"");
    }

    @Test
    void manifestSelectorsMatchAndPrintSorted() {
        LabelSelector s = LabelSelector.of(new LabelSelectorBuilder().addToMatchLabels("app", "web")
                .addNewMatchExpression().withKey("env").withOperator("In").withValues("staging", "prod").endMatchExpression()
                .addNewMatchExpression().withKey("canary").withOperator("DoesNotExist").endMatchExpression()
                .addNewMatchExpression().withKey("tier").withOperator("Exists").endMatchExpression()
                .addNewMatchExpression().withKey("zone").withOperator("NotIn").withValues("b").endMatchExpression()
                .build());
        assertThat(s.matches(WEB)).isTrue();
        assertThat(s.matches(Map.of("app", "web", "env", "prod"))).isFalse();
        assertThat(s).hasToString("app=web,!canary,env in (prod,staging),tier,zone notin (b)");
    }

    @Test
    void nullSelectorMatchesNothingEmptyMatchesAll() {
        assertThat(LabelSelector.of(null).matches(WEB)).isFalse();
        assertThat(LabelSelector.of(new LabelSelectorBuilder().build()).matches(Map.of())).isTrue();
    }
}
