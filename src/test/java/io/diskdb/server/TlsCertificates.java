package io.diskdb.server;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway CA with a server certificate (localhost, 127.0.0.1) and a client certificate,
 * made with the openssl command line at test time; nothing secret is kept in the repository.
 */
final class TlsCertificates {
    final Path dir;
    final Path caCert;
    final Path serverCert;
    final Path serverKey;
    final Path serverKeyPkcs1;
    final Path clientCert;
    final Path clientKey;
    final Path clientP12;
    final Path strangerP12;

    private TlsCertificates(Path dir) {
        this.dir = dir;
        caCert = dir.resolve("ca.crt");
        serverCert = dir.resolve("server.crt");
        serverKey = dir.resolve("server.key");
        serverKeyPkcs1 = dir.resolve("server-pkcs1.key");
        clientCert = dir.resolve("client.crt");
        clientKey = dir.resolve("client.key");
        clientP12 = dir.resolve("client.p12");
        strangerP12 = dir.resolve("stranger.p12");
    }

    static boolean opensslAvailable() {
        try {
            return new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static TlsCertificates generate(Path dir) throws Exception {
        TlsCertificates c = new TlsCertificates(dir);
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        c.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=DiskDB Test CA");
        c.signed("server", "/CN=localhost", "ca", "-extfile", "server.ext");
        c.openssl("rsa", "-in", "server.key", "-traditional", "-out", "server-pkcs1.key");
        c.signed("client", "/CN=client", "ca");
        c.openssl("pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:test");
        // a client certificate from a CA the server does not trust
        c.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.crt",
                "-days", "2", "-subj", "/CN=Other CA");
        c.signed("stranger", "/CN=stranger", "other-ca");
        c.openssl("pkcs12", "-export", "-in", "stranger.crt", "-inkey", "stranger.key", "-out", "stranger.p12",
                "-passout", "pass:test");
        return c;
    }

    private void signed(String name, String subject, String ca, String... extra) throws Exception {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", subject);
        List<String> args = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt",
                "-CAkey", ca + ".key", "-CAcreateserial", "-out", name + ".crt", "-days", "2"));
        args.addAll(List.of(extra));
        openssl(args.toArray(String[]::new));
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }

    /** A client socket factory trusting the test CA, presenting {@code clientKeys} (a PKCS#12 file) if given. */
    SSLSocketFactory clientFactory(Path clientKeys) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCert)) {
            trust.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientKeys != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(clientKeys)) {
                keys.load(in, "test".toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "test".toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
