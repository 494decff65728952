package dev.wharf.server.pki;

import dev.wharf.common.Clock;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A cluster CA that signs serving certificates (ECDSA P-256, like kubeadm's modern defaults). */
public final class CertificateAuthority {
    private final X509Certificate certificate;
    private final KeyPair keyPair;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CertificateAuthority(X509Certificate certificate, KeyPair keyPair, Clock clock) {
        this.certificate = certificate;
        this.keyPair = keyPair;
        this.clock = clock;
    }

    /** A new self-signed CA valid for ten years. */
    public static CertificateAuthority create(String commonName, Clock clock) throws GeneralSecurityException {
        KeyPair kp = newKeyPair();
        Instant now = clock.now();
        X500Name name = new X500Name("CN=" + commonName);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), name, kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            return new CertificateAuthority(sign(b, kp), kp, clock);
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot create the cluster CA: " + e.getMessage(), e);
        }
    }

    /** A serving certificate for the given DNS names and IP addresses, valid for one year. */
    public Issued issueServing(String commonName, List<String> dnsNames, List<String> ipAddresses) throws GeneralSecurityException {
        KeyPair kp = newKeyPair();
        Instant now = clock.now();
        List<GeneralName> sans = new ArrayList<>();
        dnsNames.forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
        ipAddresses.forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))),
                    new X500Name("CN=" + commonName), kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            return new Issued(sign(b, keyPair), kp);
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot issue a serving certificate: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** A certificate and its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keyPair) {
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
        ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(s));
    }
}
