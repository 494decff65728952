package dev.wharf.gateway;

import static dev.wharf.gateway.Fixtures.cluster;
import static dev.wharf.gateway.Fixtures.defaultRoute;
import static dev.wharf.gateway.Fixtures.ep;
import static dev.wharf.gateway.Fixtures.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.Clock;
import dev.wharf.gateway.model.Cluster;
import dev.wharf.gateway.model.GatewayConfig;
import dev.wharf.gateway.model.Listener;
import dev.wharf.gateway.model.TlsCertificate;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class TlsSniTest {
    private static TlsCertificate cert(String name, String host, boolean pkcs1) throws Exception {
        SelfSignedCertificate ssc = new SelfSignedCertificate(host);
        try {
            String key = Files.readString(ssc.privateKey().toPath());
            if (pkcs1) {
                byte[] der = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(ssc.key().getEncoded())
                        .parsePrivateKey().toASN1Primitive().getEncoded();
                key = "-----BEGIN RSA PRIVATE KEY-----\n"
                        + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                        + "\n-----END RSA PRIVATE KEY-----\n";
            }
            return new TlsCertificate(name, List.of(host), Files.readString(ssc.certificate().toPath()), key);
        } finally {
            ssc.delete();
        }
    }

    private static String handshake(int port, String sni) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[]{new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
        if (sni != null) {
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(sni)));
            s.setSSLParameters(p);
        }
        s.startHandshake();
        String subject = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                .getName();
        try (TestHttp http = new TestHttp(s)) {
            TestHttp.Response r = http.send("GET", sni == null ? "x" : sni, "/headers", null, "Connection: close\r\n");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("x-forwarded-proto: https");
        }
        return subject;
    }

    @Test
    void certificateIsChosenBySniAndTheFirstIsTheDefaultWithPkcs8AndPkcs1Keys() throws Exception {
        try (Backend a = new Backend("a");
             Gateway g = new Gateway(GatewayOptions.defaults(Clock.system()))) {
            Cluster c = cluster("web", ep(a));
            int port = freePort();
            g.apply(new GatewayConfig(Fixtures.map(c), List.of(new Listener.Http("127.0.0.1", port,
                    List.of(defaultRoute(c)), List.of(cert("one", "one.test", false), cert("two", "two.test", true))))));
            assertThat(g.bindFailures()).isEmpty();
            assertThat(handshake(port, "one.test")).contains("CN=one.test");
            assertThat(handshake(port, "two.test")).contains("CN=two.test");
            assertThat(handshake(port, "other.test")).contains("CN=one.test");
            assertThat(handshake(port, null)).contains("CN=one.test");
        }
    }

    @Test
    void invalidCertificateIsABindFailure() throws Exception {
        try (Gateway g = new Gateway(GatewayOptions.defaults(Clock.system()))) {
            Cluster c = cluster("web");
            g.apply(new GatewayConfig(Fixtures.map(c), List.of(new Listener.Http("127.0.0.1", freePort(),
                    List.of(defaultRoute(c)), List.of(new TlsCertificate("bad", List.of("x"), "nope", "nope"))))));
            assertThat(g.bindFailures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("bad"));
        }
    }
}
