import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/** The shop's price service: GET /prices answers every product's price in cents as JSON; GET /healthz answers "ok". */
public class Prices {
    static final Map<String, Integer> CENTS = new TreeMap<>(Map.of("mug", 1200, "tee", 1900, "crane", 4500));

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String pod = System.getenv().getOrDefault("HOSTNAME", "prices");
        String currency = System.getenv().getOrDefault("CURRENCY", "EUR");
        StringBuilder json = new StringBuilder("{\"servedBy\":\"" + pod + "\",\"currency\":\"" + currency + "\",\"cents\":{");
        CENTS.forEach((id, cents) -> json.append('"').append(id).append("\":").append(cents).append(','));
        json.setLength(json.length() - 1);
        json.append("}}");
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 128);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/prices", ex -> send(ex, 200, "application/json", json.toString(), pod));
        server.createContext("/healthz", ex -> send(ex, 200, "text/plain", "ok\n", pod));
        server.createContext("/", ex -> send(ex, 404, "application/json", "{\"error\":\"not found\"}", pod));
        // SIGTERM: stop accepting, give in-flight requests up to 5 s, then exit
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(5)));
        server.start();
        System.out.println("prices listening on " + port + " as " + pod);
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
}
