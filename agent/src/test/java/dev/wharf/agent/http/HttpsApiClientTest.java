package dev.wharf.agent.http;

import dev.wharf.api.ApiException;
import dev.wharf.apiserver.ApiServer;
import dev.wharf.apiserver.ApiServerConfig;
import dev.wharf.common.Clock;
import dev.wharf.controller.runtime.ApiClient.ListOptions;
import dev.wharf.controller.runtime.http.HttpApiClient;
import dev.wharf.controller.runtime.http.HttpApiClientConfig;
import dev.wharf.spi.store.MemoryStore;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTPS trusting the cluster CA given as a PEM file; a client without it is refused. */
class HttpsApiClientTest {
    @TempDir
    Path dir;

    @Test
    void trustsTheCaPemAndRejectsAServerItDoesNotTrust() throws Exception {
        Path cert = dir.resolve("ca.crt");
        Path key = dir.resolve("ca.key");
        selfSigned(cert, key);
        ApiServer server = new ApiServer(ApiServerConfig.defaults(new MemoryStore(), Clock.system(), new Random(2))
                .withTls(cert, key));
        server.start();
        try {
            URI url = URI.create("https://127.0.0.1:" + server.port());
            HttpApiClient client = new HttpApiClient(HttpApiClientConfig.trusting(url, "t", cert));
            client.create(new NamespaceBuilder().withNewMetadata().withName("tls").endMetadata().build());
            assertThat(client.get(Namespace.class, null, "tls")).isNotNull();
            HttpApiClient untrusting = new HttpApiClient(HttpApiClientConfig.plain(url, "t"));
            assertThatThrownBy(() -> untrusting.list(Namespace.class, ListOptions.all()))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(503));
        } finally {
            server.stop();
        }
    }

    private static void selfSigned(Path certPem, Path keyPem) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256, new SecureRandom());
        KeyPair pair = gen.generateKeyPair();
        X500Name subject = new X500Name("CN=wharf-agent-test");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(11),
                Date.from(Instant.parse("2020-01-01T00:00:00Z")), Date.from(Instant.parse("2099-01-01T00:00:00Z")),
                subject, pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        var cert = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        Files.writeString(certPem, pem(cert));
        Files.writeString(keyPem, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
    }

    private static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

}
