package dev.wharf.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Randoms;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo opens with a TLS ClientHello: a plain port closes that connection; a TLS port serves both. */
class TlsSniffingTest {
    private static final byte[] CLIENT_HELLO_START = {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01, 0x00, 0x00, (byte) 0xc4, 0x03, 0x03};

    @TempDir
    Path dir;

    @Test
    void plainPortClosesATlsHelloAndKeepsServing() throws Exception {
        try (var reg = new RegistryFixture(dir, false)) {
            try (Socket s = new Socket("127.0.0.1", reg.server.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(CLIENT_HELLO_START);
                s.getOutputStream().flush();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(reg.get("/v2/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tlsPortServesHttpsAndPlainHttp() throws Exception {
        SelfSignedCertificate cert = new SelfSignedCertificate("localhost");
        var config = RegistryConfig.defaults(dir).withRandom(Randoms.seeded(1))
                .withTls(RegistryConfig.tlsFromPem(cert.certificate().toPath(), cert.privateKey().toPath()));
        RegistryServer server = new RegistryServer(config);
        server.start();
        try {
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] c, String a) {
                }

                public void checkServerTrusted(X509Certificate[] c, String a) {
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            try (SSLSocket tls = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", server.port())) {
                assertThat(exchange(tls)).startsWith("HTTP/1.1 200").contains("Docker-Distribution-API-Version: registry/2.0");
            }
            try (Socket plain = new Socket("127.0.0.1", server.port())) {
                assertThat(exchange(plain)).startsWith("HTTP/1.1 200");
            }
        } finally {
            server.stop();
            cert.delete();
        }
    }

    private static String exchange(Socket s) throws Exception {
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        out.write("GET /v2/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}
