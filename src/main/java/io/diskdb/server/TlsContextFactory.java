package io.diskdb.server;

import io.diskdb.config.Settings;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the server's TLS context from the tls-* settings, on the JDK's TLS provider (no native
 * tcnative library to ship). Cipher names are the JDK's (IANA) names, e.g.
 * TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384; TLS 1.3 suite names are the same in OpenSSL and Java.
 */
public final class TlsContextFactory {
    private TlsContextFactory() {
    }

    public static SslContext create(Settings settings) throws IOException {
        require(settings.getTlsCertFile(), "tls-cert-file");
        require(settings.getTlsKeyFile(), "tls-key-file");
        try {
            SslContextBuilder builder = SslContextBuilder
                    .forServer(PemPrivateKeys.read(Path.of(settings.getTlsKeyFile())),
                            certificates(Path.of(settings.getTlsCertFile())))
                    .sslProvider(SslProvider.JDK)
                    .clientAuth(clientAuth(settings.getTlsAuthClients()));
            if (!settings.getTlsCaCertFile().isEmpty()) {
                builder.trustManager(certificates(Path.of(settings.getTlsCaCertFile())));
            }
            List<String> protocols = words(settings.getTlsProtocols(), "\\s+");
            if (!protocols.isEmpty()) {
                builder.protocols(protocols);
            }
            List<String> ciphers = new ArrayList<>(words(settings.getTlsCiphersuites(), ":"));
            ciphers.addAll(words(settings.getTlsCiphers(), ":"));
            if (!ciphers.isEmpty()) {
                builder.ciphers(ciphers, IdentityCipherSuiteFilter.INSTANCE);
            }
            return builder.build();
        } catch (IOException e) {
            throw new IOException("TLS: " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Redis's tls-auth-clients: "yes" requires a certificate signed by tls-ca-cert-file,
     * "optional" checks one if the client sends it, "no" never asks.
     */
    static ClientAuth clientAuth(String setting) {
        return switch (setting) {
            case "no" -> ClientAuth.NONE;
            case "optional" -> ClientAuth.OPTIONAL;
            default -> ClientAuth.REQUIRE;
        };
    }

    private static X509Certificate[] certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate[] chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            if (chain.length == 0) {
                throw new IOException(file + ": no certificate found");
            }
            return chain;
        }
    }

    private static void require(String value, String name) throws IOException {
        if (value.isEmpty()) {
            throw new IOException("TLS: tls-port is set but " + name + " is not");
        }
    }

    private static List<String> words(String text, String separator) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split(separator));
    }
}
