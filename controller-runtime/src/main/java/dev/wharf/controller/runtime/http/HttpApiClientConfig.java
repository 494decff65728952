package dev.wharf.controller.runtime.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/**
 * Where a remote client talks to: the server URL, a bearer token (may be null) and, for HTTPS, an SSL context
 * trusting the cluster CA ({@link #trusting}); null uses the JDK's default trust store.
 */
public record HttpApiClientConfig(URI server, String token, SSLContext sslContext) {

    public static HttpApiClientConfig plain(URI server, String token) {
        return new HttpApiClientConfig(server, token, null);
    }

    /** HTTPS trusting the certificates of a PEM file (the cluster CA). */
    public static HttpApiClientConfig trusting(URI server, String token, Path caPem) throws IOException {
        return new HttpApiClientConfig(server, token, sslContext(caPem));
    }

    public static SSLContext sslContext(Path caPem) throws IOException {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IOException(caPem + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use CA " + caPem + ": " + e.getMessage(), e);
        }
    }
}
