import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** The shop's catalog service: GET /products answers the product list as JSON; GET /healthz answers "ok". */
public class Catalog {
    static final String PRODUCTS = """
            [{"id":"mug","name":"Wharf mug"},\
            {"id":"tee","name":"Container tee"},\
            {"id":"crane","name":"Toy gantry crane"}]""";

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String pod = System.getenv().getOrDefault("HOSTNAME", "catalog");
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 128);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/products", ex -> send(ex, 200, "application/json",
                "{\"servedBy\":\"" + pod + "\",\"products\":" + PRODUCTS + "}", pod));
        server.createContext("/healthz", ex -> send(ex, 200, "text/plain", "ok\n", pod));
        server.createContext("/", ex -> send(ex, 404, "application/json", "{\"error\":\"not found\"}", pod));
        // SIGTERM: stop accepting, give in-flight requests up to 5 s, then exit
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(5)));
        server.start();
        System.out.println("catalog listening on " + port + " as " + pod);
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
