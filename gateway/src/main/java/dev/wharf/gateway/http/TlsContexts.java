package dev.wharf.gateway.http;

import dev.wharf.gateway.model.TlsCertificate;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds the SNI mapping of a TLS listener: one SslContext per certificate, the first one the default. */
final class TlsContexts {
    private TlsContexts() {
    }

    static SslContext context(TlsCertificate c) {
        try {
            return SslContextBuilder.forServer(
                    new ByteArrayInputStream(c.certificateChainPem().getBytes(StandardCharsets.US_ASCII)),
                    new ByteArrayInputStream(c.privateKeyPem().getBytes(StandardCharsets.US_ASCII))).build();
        } catch (Exception | Error e) {
            throw new IllegalArgumentException("certificate " + c.name() + ": " + e.getMessage(), e);
        }
    }

    /** Throws IllegalArgumentException naming the certificate that cannot be loaded. */
    static Mapping<String, SslContext> mapping(List<TlsCertificate> certificates) {
        SslContext first = null;
        DomainWildcardMappingBuilder<SslContext> b = null;
        for (TlsCertificate c : certificates) {
            SslContext ctx = context(c);
            if (first == null) {
                first = ctx;
                b = new DomainWildcardMappingBuilder<>(ctx);
            }
            for (String host : c.hosts()) {
                b.add(host, ctx);
            }
        }
        return b == null ? null : b.build();
    }
}
