package io.diskdb.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A socket speaking raw RESP, for tests that must see the exact bytes of replies or send
 * malformed input. {@link #readReply()} returns one complete reply, bytes as sent.
 */
public final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawConnection(String host, int port) {
        try {
            socket = new Socket(host, port);
            socket.setSoTimeout(10_000);
            in = new java.io.BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A command as a client sends it: a RESP array of bulk strings, UTF-8 encoded. */
    public static byte[] encode(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return encode(bytes);
    }

    /** A command as a client sends it: a RESP array of bulk strings. */
    public static byte[] encode(byte[]... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] arg : args) {
            buf.writeBytes(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buf.writeBytes(arg);
            buf.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return buf.toByteArray();
    }

    /** Sends a command as a RESP array of bulk strings. */
    public RawConnection send(String... args) {
        return sendRaw(encode(args));
    }

    public RawConnection send(byte[]... args) {
        return sendRaw(encode(args));
    }

    public RawConnection sendRaw(String data) {
        return sendRaw(data.getBytes(StandardCharsets.UTF_8));
    }

    public RawConnection sendRaw(byte[] data) {
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sends a command and returns its reply as text (exact bytes, UTF-8 decoded). */
    public String call(String... args) {
        return send(args).readReply();
    }

    /** Reads one whole reply (nested aggregates included) and returns its bytes as text. */
    public String readReply() {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        try {
            readInto(reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reply.toString(StandardCharsets.UTF_8);
    }

    private void readInto(ByteArrayOutputStream reply) throws IOException {
        String line = readLine(reply);
        char type = line.charAt(0);
        String body = line.substring(1);
        switch (type) {
            case '$', '=', '!' -> {
                int length = Integer.parseInt(body);
                if (length >= 0) {
                    reply.writeBytes(in.readNBytes(length + 2));
                }
            }
            case '*', '~', '>', '%', '|' -> {
                int count = Integer.parseInt(body);
                int elements = (type == '%' || type == '|') ? count * 2 : count;
                for (int i = 0; i < elements; i++) {
                    readInto(reply);
                }
                if (type == '|') {
                    readInto(reply); // the attributed value itself
                }
            }
            default -> { }
        }
    }

    private String readLine(ByteArrayOutputStream reply) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            reply.write(c);
            if (previous == '\r' && c == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(c);
            previous = c;
        }
    }

    /** True once the server has closed the connection (reads end of stream within the timeout). */
    public boolean isClosedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket; nothing to report
        }
    }
}
