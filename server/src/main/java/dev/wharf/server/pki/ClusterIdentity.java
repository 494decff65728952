package dev.wharf.server.pki;

import dev.wharf.common.Clock;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The cluster's secrets in the data dir, made at first start and kept: the CA ({@code pki/ca.crt}, {@code ca.key})
 * and the admin bearer token ({@code admin.token}). The serving certificate is issued anew at every start for the
 * addresses the server binds, so a changed {@code --bind} needs no manual step.
 */
public final class ClusterIdentity {
    private final CertificateAuthority ca;
    private final String adminToken;
    private final String nodeToken;
    private final Path pkiDir;

    private ClusterIdentity(CertificateAuthority ca, String adminToken, String nodeToken, Path pkiDir) {
        this.ca = ca;
        this.adminToken = adminToken;
        this.nodeToken = nodeToken;
        this.pkiDir = pkiDir;
    }

    public static ClusterIdentity loadOrCreate(Path dataDir, Clock clock) throws IOException, GeneralSecurityException {
        Path pki = dataDir.resolve("pki");
        Files.createDirectories(pki);
        Path caCrt = pki.resolve("ca.crt");
        Path caKey = pki.resolve("ca.key");
        CertificateAuthority ca;
        if (Files.exists(caCrt) && Files.exists(caKey)) {
            X509Certificate cert = Pem.readCertificate(caCrt);
            KeyPair kp = Pem.readKeyPair(caKey, cert);
            ca = new CertificateAuthority(cert, kp, clock);
        } else {
            ca = CertificateAuthority.create("wharf-ca", clock);
            Pem.writePrivateKey(caKey, ca.keyPair().getPrivate());
            Pem.writeCertificate(caCrt, ca.certificate());
        }
        return new ClusterIdentity(ca, token(dataDir.resolve("admin.token")), token(dataDir.resolve("node.token")), pki);
    }

    /** A random 256-bit token kept in {@code file} (owner-only), made on first use. */
    private static String token(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Files.writeString(file, token + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not POSIX
        }
        return token;
    }

    /** Issues the serving certificate for {@code bindHost} (plus localhost names) and writes it to pki/. */
    public ServingFiles issueServing(String bindHost) throws IOException, GeneralSecurityException {
        List<String> dns = new ArrayList<>(List.of("localhost", "wharf", "kubernetes", "kubernetes.default",
                "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"));
        List<String> ips = new ArrayList<>(List.of("127.0.0.1", "::1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!dns.contains(host)) {
                dns.add(host);
            }
        } catch (IOException ignored) {
            // no resolvable host name: loopback names suffice
        }
        if (bindHost.matches("[0-9.]+|.*:.*")) {
            if (!ips.contains(bindHost) && !bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
                ips.add(bindHost);
            }
        } else if (!dns.contains(bindHost)) {
            dns.add(bindHost);
        }
        CertificateAuthority.Issued issued = ca.issueServing("wharf-apiserver", dns, ips);
        Path crt = pkiDir.resolve("server.crt");
        Path key = pkiDir.resolve("server.key");
        Files.writeString(crt, Pem.encode(issued.certificate()) + Pem.encode(ca.certificate()));
        Pem.writePrivateKey(key, issued.keyPair().getPrivate());
        return new ServingFiles(crt, key);
    }

    public CertificateAuthority ca() {
        return ca;
    }

    public String caPem() {
        return Pem.encode(ca.certificate());
    }

    public String adminToken() {
        return adminToken;
    }

    /** The nodes' token: the registry lets user `wharf-node` with it pull every repository. */
    public String nodeToken() {
        return nodeToken;
    }

    /** PEM files of the serving certificate chain and its key. */
    public record ServingFiles(Path certificateChain, Path privateKey) {
    }
}
