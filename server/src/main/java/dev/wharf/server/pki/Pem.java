package dev.wharf.server.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** Reads and writes certificates and keys in PEM, the format kubeconfig and curl expect. */
public final class Pem {
    private Pem() {
    }

    public static String encode(Object certOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(certOrKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    public static void writeCertificate(Path file, X509Certificate cert) throws IOException {
        Files.writeString(file, encode(cert));
    }

    /** Writes a private key in PKCS#8 PEM ("BEGIN PRIVATE KEY", what Netty and curl read), owner-only. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Files.writeString(file, encode(new JcaPKCS8Generator(key, null).generate()));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        try (PEMParser p = new PEMParser(Files.newBufferedReader(file))) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder h)) {
                throw new IOException(file + " holds no PEM certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(h);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static KeyPair readKeyPair(Path file, X509Certificate cert) throws IOException {
        try (PEMParser p = new PEMParser(Files.newBufferedReader(file))) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp);
            }
            if (o instanceof PrivateKeyInfo info) {
                return new KeyPair(cert.getPublicKey(), conv.getPrivateKey(info));
            }
            throw new IOException(file + " holds no PEM private key");
        }
    }
}
