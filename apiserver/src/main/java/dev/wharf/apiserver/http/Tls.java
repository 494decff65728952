package dev.wharf.apiserver.http;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import javax.net.ssl.SSLException;

/** Server TLS from PEM files, offering only http/1.1 through ALPN (so kubectl does not try HTTP/2). */
public final class Tls {
    private Tls() {
    }

    /** {@code keyPem} in PKCS#8 PEM ("BEGIN PRIVATE KEY"). */
    public static SslContext server(File certChainPem, File keyPem) throws SSLException {
        return SslContextBuilder.forServer(certChainPem, keyPem)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_1_1))
                .build();
    }
}
