package dev.wharf.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.gateway.model.HttpRoute;
import dev.wharf.gateway.model.PathType;
import dev.wharf.gateway.model.WeightedCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static HttpRoute r(String name, String host, PathType t, String path) {
        return new HttpRoute(name, host, t, path, List.of(new WeightedCluster(name, 1)));
    }

    private final RouteTable table = new RouteTable(List.of(
            r("default", "", PathType.PREFIX, "/"),
            r("any-api", "", PathType.PREFIX, "/api"),
            r("shop-root", "shop.example.com", PathType.PREFIX, "/"),
            r("shop-exact", "shop.example.com", PathType.EXACT, "/cart"),
            r("shop-cart-prefix", "shop.example.com", PathType.PREFIX, "/cart"),
            r("shop-long", "shop.example.com", PathType.PREFIX, "/cart/items"),
            r("wild", "*.example.com", PathType.PREFIX, "/"),
            r("wild-impl", "*.example.com", PathType.IMPLEMENTATION_SPECIFIC, "/img"),
            r("only-path", "docs.example.com", PathType.EXACT, "/only")));

    private String match(String host, String uri) {
        RouteTable.Route route = table.match(host, uri);
        return route == null ? null : route.name();
    }

    @Test
    void exactHostBeatsWildcardBeatsAny() {
        assertThat(match("shop.example.com", "/x")).isEqualTo("shop-root");
        assertThat(match("SHOP.example.com:8080", "/x")).isEqualTo("shop-root");
        assertThat(match("blog.example.com", "/x")).isEqualTo("wild");
        assertThat(match("a.b.example.com", "/x")).isEqualTo("default");
        assertThat(match("other.org", "/x")).isEqualTo("default");
        assertThat(match(null, "/x")).isEqualTo("default");
    }

    @Test
    void exactPathBeatsLongestPrefix() {
        assertThat(match("shop.example.com", "/cart")).isEqualTo("shop-exact");
        assertThat(match("shop.example.com", "/cart?x=1")).isEqualTo("shop-exact");
        assertThat(match("shop.example.com", "/cart/")).isEqualTo("shop-cart-prefix");
        assertThat(match("shop.example.com", "/cart/items/7")).isEqualTo("shop-long");
        assertThat(match("shop.example.com", "/cart/itemsx")).isEqualTo("shop-cart-prefix");
    }

    @Test
    void prefixMatchesWholeElementsImplementationSpecificMatchesCharacters() {
        assertThat(match("x.org", "/api")).isEqualTo("any-api");
        assertThat(match("x.org", "/api/v1")).isEqualTo("any-api");
        assertThat(match("x.org", "/apiary")).isEqualTo("default");
        assertThat(match("blog.example.com", "/imgs/a.png")).isEqualTo("wild-impl");
    }

    @Test
    void hostWhosePathsDoNotMatchFallsThroughAndNoRouteIsNull() {
        assertThat(match("docs.example.com", "/only")).isEqualTo("only-path");
        assertThat(match("docs.example.com", "/other")).isEqualTo("wild");
        RouteTable hostOnly = new RouteTable(List.of(r("h", "h.org", PathType.PREFIX, "/")));
        assertThat(hostOnly.match("x.org", "/")).isNull();
        assertThat(hostOnly.match("h.org", "http://h.org/a?b")).isNotNull();
    }
}
