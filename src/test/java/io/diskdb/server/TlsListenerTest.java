package io.diskdb.server;

import io.diskdb.config.Settings;
import io.diskdb.testing.FreePort;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The TLS listener: Jedis over TLS with and without client certificates, as tls-auth-clients says. */
class TlsListenerTest {
    @TempDir
    static Path certDir;
    private static TlsCertificates certs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(TlsCertificates.opensslAvailable(), "the openssl command is needed to make test certificates");
        certs = TlsCertificates.generate(certDir);
    }

    private static TestServer tlsServer(String authClients, Path key, Consumer<Settings> more) {
        int tlsPort = FreePort.find();
        return TestServer.start(s -> {
            s.setTlsPort(tlsPort);
            s.setTlsCertFile(certs.serverCert.toString());
            s.setTlsKeyFile(key.toString());
            s.setTlsCaCertFile(certs.caCert.toString());
            s.setTlsAuthClients(authClients);
            more.accept(s);
        });
    }

    private static Jedis tlsClient(TestServer server, SSLSocketFactory factory) {
        return new Jedis(new HostAndPort("127.0.0.1", server.server().tlsPort()), DefaultJedisClientConfig.builder()
                .ssl(true).sslSocketFactory(factory).timeoutMillis(10_000).build());
    }

    @Test
    void clientCertificateRequiredByDefault() throws Exception {
        try (TestServer server = tlsServer("yes", certs.serverKey, s -> { })) {
            assertEquals(0, server.server().port(), "port 0 beside tls-port: no plain listener");
            try (Jedis jedis = tlsClient(server, certs.clientFactory(certs.clientP12))) {
                assertEquals("OK", jedis.set("k", "over tls"));
                assertEquals("over tls", jedis.get("k"));
            }
            assertThrows(JedisConnectionException.class, () -> {
                try (Jedis jedis = tlsClient(server, certs.clientFactory(null))) {
                    jedis.ping();
                }
            }, "no client certificate: the handshake fails");
            assertThrows(JedisConnectionException.class, () -> {
                try (Jedis jedis = tlsClient(server, certs.clientFactory(certs.strangerP12))) {
                    jedis.ping();
                }
            }, "a certificate from an unknown CA is refused");
        }
    }

    @Test
    void withoutClientAuthenticationAnyTlsClientConnects() throws Exception {
        try (TestServer server = tlsServer("no", certs.serverKey, s -> { });
             Jedis jedis = tlsClient(server, certs.clientFactory(null))) {
            assertEquals("PONG", jedis.ping());
        }
    }

    @Test
    void optionalClientAuthenticationAcceptsClientsWithAndWithoutCertificates() throws Exception {
        // (A JDK client only offers a certificate from a CA the server names, so a stranger's
        // certificate is simply not sent; the "yes" test shows such a client is refused.)
        try (TestServer server = tlsServer("optional", certs.serverKey, s -> { });
             Jedis anonymous = tlsClient(server, certs.clientFactory(null));
             Jedis withCert = tlsClient(server, certs.clientFactory(certs.clientP12))) {
            assertEquals("PONG", anonymous.ping());
            assertEquals("PONG", withCert.ping());
        }
    }

    @Test
    void pkcs1KeyPlainPortBesideTlsAndProtocols() throws Exception {
        int plainPort = FreePort.find();
        try (TestServer server = tlsServer("no", certs.serverKeyPkcs1, s -> {
            s.setPort(plainPort);
            s.setTlsProtocols("TLSv1.2");
        })) {
            assertEquals(plainPort, server.server().port());
            try (Jedis plain = server.jedis(); Jedis tls = tlsClient(server, certs.clientFactory(null))) {
                assertEquals("OK", plain.set("both", "listeners"));
                assertEquals("listeners", tls.get("both"));
            }
            try (SSLSocket socket = (SSLSocket) certs.clientFactory(null).createSocket("127.0.0.1",
                    server.server().tlsPort())) {
                socket.startHandshake();
                assertEquals("TLSv1.2", socket.getSession().getProtocol());
            }
        }
    }

    @Test
    void plainTextOnTheTlsPortGetsNoReply() throws Exception {
        try (TestServer server = tlsServer("no", certs.serverKey, s -> { });
             Socket socket = new Socket("127.0.0.1", server.server().tlsPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("PING\r\n".getBytes());
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (IOException reset) {
                read = -1;
            }
            assertTrue(read == -1 || read == 0x15, "the server closes or answers with a TLS alert, never +PONG");
        }
    }

    @Test
    void missingKeyFileFailsTheStartWithOneLine() {
        Exception e = assertThrows(Exception.class, () -> tlsServer("no", certDir.resolve("nope.key"), s -> { }));
        assertTrue(String.valueOf(e.getMessage()).contains("nope.key") || String.valueOf(e.getCause()).contains("nope.key"),
                String.valueOf(e));
    }
}
