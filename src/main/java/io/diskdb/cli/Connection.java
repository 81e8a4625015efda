package io.diskdb.cli;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One blocking connection to the server (plain or TLS), sending commands as RESP arrays and
 * reading whole replies. {@link #open} also authenticates, switches to RESP3 and selects the
 * database, as redis-cli does right after connecting.
 */
public final class Connection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final RespParser parser;

    private Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.in = new BufferedInputStream(socket.getInputStream());
        this.parser = new RespParser(in);
    }

    /**
     * The connection's input after the replies read so far, for a peer that switches from RESP to
     * a stream of its own (a master's replication stream after PSYNC). The parser reads from this
     * same buffered stream, so no byte is skipped.
     */
    public InputStream input() {
        return in;
    }

    /** Connection failures, with redis-cli's wording ("Could not connect to Redis at ..."). */
    public static final class ConnectException extends IOException {
        ConnectException(String message) {
            super(message);
        }
    }

    public static Connection open(CliOptions options) throws IOException {
        Connection connection;
        try {
            connection = new Connection(socket(options));
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (reason.startsWith("Connection refused")) {
                reason = "Connection refused";
            }
            throw new ConnectException("Could not connect to DiskDB at " + options.address() + ": " + reason);
        }
        try {
            connection.handshake(options);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static Socket socket(CliOptions options) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(options.host(), options.port()), CONNECT_TIMEOUT_MILLIS);
        plain.setTcpNoDelay(true);
        if (!options.tls().enabled()) {
            return plain;
        }
        CliOptions.Tls tls = options.tls();
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        if (tls.insecure()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (tls.caCert() != null) {
            builder.trustManager(new File(tls.caCert()));
        }
        if (tls.cert() != null || tls.key() != null) {
            if (tls.cert() == null || tls.key() == null) {
                throw new IOException("--cert and --key go together");
            }
            builder.keyManager(new File(tls.cert()), new File(tls.key()));
        }
        javax.net.ssl.SSLContext context = ((JdkSslContext) builder.build()).context();
        String serverName = tls.sni() != null ? tls.sni() : options.host();
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName, options.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        if (!tls.insecure()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (tls.sni() != null) {
            parameters.setServerNames(List.of(new SNIHostName(tls.sni())));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    /** AUTH, HELLO 3 and SELECT as asked; a refusal is an IOException with the server's message. */
    private void handshake(CliOptions options) throws IOException {
        if (options.password() != null) {
            List<String> auth = new ArrayList<>(List.of("AUTH"));
            if (options.user() != null) {
                auth.add(options.user());
            }
            auth.add(options.password());
            expectOk(call(strings(auth)), "AUTH failed: ");
        }
        if (options.resp3()) {
            expectOk(call(strings(List.of("HELLO", "3"))), "HELLO 3 failed: ");
        }
        if (options.db() != 0) {
            expectOk(call(strings(List.of("SELECT", Integer.toString(options.db())))), "SELECT failed: ");
        }
    }

    private static void expectOk(Reply reply, String what) throws IOException {
        if (reply instanceof Reply.Error error) {
            throw new IOException(what + error.text());
        }
    }

    static List<byte[]> strings(List<String> args) {
        List<byte[]> bytes = new ArrayList<>(args.size());
        for (String arg : args) {
            bytes.add(arg.getBytes(StandardCharsets.UTF_8));
        }
        return bytes;
    }

    /** Sends one command and waits for its reply. */
    public Reply call(List<byte[]> args) throws IOException {
        send(args);
        return read();
    }

    public void send(List<byte[]> args) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] arg : args) {
            buf.writeBytes(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buf.writeBytes(arg);
            buf.writeBytes(new byte[]{'\r', '\n'});
        }
        out.write(buf.toByteArray());
        out.flush();
    }

    public Reply read() throws IOException {
        return parser.read();
    }

    /** Bounds every later read: a silent peer then fails with SocketTimeoutException. */
    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing on the way out; nothing useful to report
        }
    }
}
