import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop's web page: GET / asks the catalog and prices services (by Service name, through cluster DNS) and
 * renders the products with their prices; 502 with the reason when a backend does not answer. GET /healthz
 * answers "ok" without asking the backends, so the frontend is Ready on its own.
 */
public class Frontend {
    static final Pattern PRODUCT = Pattern.compile("\\{\"id\":\"([^\"]+)\",\"name\":\"([^\"]+)\"\\}");
    static final Pattern PRICE = Pattern.compile("\"([a-z0-9-]+)\":(\\d+)");
    static final Pattern CURRENCY = Pattern.compile("\"currency\":\"([A-Z]+)\"");

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String pod = System.getenv().getOrDefault("HOSTNAME", "frontend");
        String catalog = System.getenv().getOrDefault("CATALOG_URL", "http://catalog");
        String prices = System.getenv().getOrDefault("PRICES_URL", "http://prices");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 128);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/healthz", ex -> send(ex, 200, "text/plain", "ok\n", pod));
        server.createContext("/", ex -> {
            if (!ex.getRequestURI().getPath().equals("/")) {
                send(ex, 404, "text/plain", "not found\n", pod);
                return;
            }
            CompletableFuture<HttpResponse<String>> c = get(client, catalog + "/products");
            CompletableFuture<HttpResponse<String>> p = get(client, prices + "/prices");
            try {
                HttpResponse<String> cr = checked(c, "catalog", catalog);
                HttpResponse<String> pr = checked(p, "prices", prices);
                ex.getResponseHeaders().set("X-Catalog-Served-By", cr.headers().firstValue("X-Served-By").orElse("?"));
                ex.getResponseHeaders().set("X-Prices-Served-By", pr.headers().firstValue("X-Served-By").orElse("?"));
                send(ex, 200, "text/html; charset=utf-8", page(cr.body(), pr.body(), pod,
                        cr.headers().firstValue("X-Served-By").orElse("?"), pr.headers().firstValue("X-Served-By").orElse("?")), pod);
            } catch (BackendException e) {
                send(ex, 502, "text/plain", "502 bad gateway: " + e.getMessage() + "\n", pod);
            }
        });
        // SIGTERM: stop accepting, give in-flight requests up to 5 s, then exit
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(5)));
        server.start();
        System.out.println("frontend listening on " + port + " as " + pod + " (catalog " + catalog + ", prices " + prices + ")");
    }

    static CompletableFuture<HttpResponse<String>> get(HttpClient client, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> checked(CompletableFuture<HttpResponse<String>> f, String name, String base) {
        HttpResponse<String> r;
        try {
            r = f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new BackendException("the " + name + " service (" + base + ") did not answer: " + cause);
        }
        if (r.statusCode() != 200) {
            throw new BackendException("the " + name + " service (" + base + ") answered " + r.statusCode());
        }
        return r;
    }

    static String page(String catalogJson, String pricesJson, String pod, String catalogPod, String pricesPod) {
        Map<String, Integer> cents = new LinkedHashMap<>();
        Matcher pm = PRICE.matcher(pricesJson.substring(Math.max(0, pricesJson.indexOf("\"cents\""))));
        while (pm.find()) {
            cents.put(pm.group(1), Integer.parseInt(pm.group(2)));
        }
        Matcher cm = CURRENCY.matcher(pricesJson);
        String currency = cm.find() ? cm.group(1) : "";
        StringBuilder html = new StringBuilder("<!doctype html>\n<html><head><title>Wharf shop</title></head><body>\n"
                + "<h1>Wharf shop</h1>\n<ul>\n");
        Matcher m = PRODUCT.matcher(catalogJson);
        while (m.find()) {
            Integer c = cents.get(m.group(1));
            String price = c == null ? "price unknown" : String.format("%d.%02d %s", c / 100, c % 100, currency);
            html.append("<li>").append(escape(m.group(2))).append(": ").append(price).append("</li>\n");
        }
        html.append("</ul>\n<p><small>page by ").append(escape(pod)).append(", catalog by ").append(escape(catalogPod))
                .append(", prices by ").append(escape(pricesPod)).append("</small></p>\n</body></html>\n");
        return html.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static void send(HttpExchange ex, int status, String type, String body, String pod) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Served-By", pod);
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static final class BackendException extends RuntimeException {
        BackendException(String message) {
            super(message);
        }
    }
}
