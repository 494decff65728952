package dev.wharf.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.wharf.images.blob.BlobStore;
import dev.wharf.images.oci.Manifest;
import dev.wharf.images.oci.MediaTypes;
import dev.wharf.images.registry.RegistryClient;
import dev.wharf.images.registry.RegistryOptions;
import dev.wharf.images.store.NodeImageStore;
import dev.wharf.spi.image.ImagePullException;
import dev.wharf.spi.image.ImageRef;
import dev.wharf.spi.image.PullListener;
import dev.wharf.spi.image.PullPolicy;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to a registry whose certificate is trusted only through the extra CA PEM. */
class TlsRegistryTest {
    @TempDir
    Path tmp;

    @Test
    void trustsTheExtraCaAndOnlyIt() throws Exception {
        Path ks = tmp.resolve("server.p12");
        Path pem = tmp.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "r", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-keystore", ks.toString(), "-storepass", "changeit", "-storetype", "PKCS12");
        run(keytool, "-exportcert", "-rfc", "-alias", "r", "-keystore", ks.toString(), "-storepass", "changeit", "-file", pem.toString());

        BlobStore content = new BlobStore(tmp.resolve("content"));
        Manifest m = TinyImages.image(content, "tls");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/v2/", ex -> {
            String path = ex.getRequestURI().getPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            byte[] body = path.contains("/manifests/") ? m.raw() : content.read(last);
            ex.getResponseHeaders().add("Content-Type", path.contains("/manifests/") ? MediaTypes.OCI_MANIFEST : "application/octet-stream");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String host = "127.0.0.1:" + server.getAddress().getPort();
            ImageRef ref = ImageRef.parse(host + "/team/tls:1");
            NodeImageStore trusting = new NodeImageStore(tmp.resolve("a"),
                    new RegistryClient(new RegistryOptions(Set.of(), pem, null, Set.of(host))));
            assertThat(trusting.pull(ref, PullPolicy.ALWAYS, List.of(), PullListener.NONE).id()).isEqualTo(m.config().digest());

            NodeImageStore untrusting = new NodeImageStore(tmp.resolve("b"),
                    new RegistryClient(new RegistryOptions(Set.of(), null, null, Set.of(host))));
            assertThatThrownBy(() -> untrusting.pull(ref, PullPolicy.ALWAYS, List.of(), PullListener.NONE))
                    .isInstanceOf(ImagePullException.class).hasMessageContaining("https://" + host);
        } finally {
            server.stop(0);
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
