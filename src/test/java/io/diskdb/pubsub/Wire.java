package io.diskdb.pubsub;

import io.diskdb.testing.RawConnection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client socket for pub/sub tests, where one command may be answered by several frames and
 * messages arrive unasked: it sends commands and returns whatever bytes arrived, either up to
 * a quiet moment or up to a known length, and splits bytes into whole RESP frames.
 */
public final class Wire implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Bytes of an incomplete frame, and whole frames not yet asked for. */
    private final StringBuilder pending = new StringBuilder();
    private final java.util.ArrayDeque<String> ready = new java.util.ArrayDeque<>();

    public Wire(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Wire send(String... args) {
        try {
            out.write(RawConnection.encode(args));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Everything that arrives until nothing more has come for {@code quietMillis}. */
    public String drain(int quietMillis) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        try {
            socket.setSoTimeout(quietMillis);
            while (true) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                got.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            // nothing more for now
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** Reads until {@code length} bytes have arrived or {@code timeoutMillis} passed, then what follows within a moment. */
    public String read(int length, long timeoutMillis) {
        StringBuilder got = new StringBuilder();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (got.toString().getBytes(StandardCharsets.UTF_8).length < length && System.currentTimeMillis() < deadline) {
            got.append(drain(20));
        }
        return got.append(drain(5)).toString();
    }

    /** Reads {@code count} whole frames (replies or pushes), waiting up to 10 s; later frames stay for the next call. */
    public List<String> frames(int count) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (ready.size() < count && System.currentTimeMillis() < deadline) {
            pending.append(drain(20));
            List<String> split = split(pending.toString());
            pending.delete(0, split.stream().mapToInt(String::length).sum());
            ready.addAll(split);
        }
        if (ready.size() < count) {
            throw new AssertionError("expected " + count + " frames, got " + ready + " and '" + pending + "'");
        }
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(ready.pollFirst());
        }
        return frames;
    }

    /** True once the server closed the connection (within 10 s), whatever it sent before. */
    public boolean closedByServer() {
        long deadline = System.currentTimeMillis() + 10_000;
        byte[] chunk = new byte[65536];
        try {
            socket.setSoTimeout(200);
            while (System.currentTimeMillis() < deadline) {
                try {
                    if (in.read(chunk) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // keep waiting
                }
            }
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Splits text into whole RESP frames; an incomplete tail is left out. */
    public static List<String> split(String text) {
        List<String> frames = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int end = frameEnd(text, at);
            if (end < 0) {
                break;
            }
            frames.add(text.substring(at, end));
            at = end;
        }
        return frames;
    }

    /** Where the frame starting at {@code at} ends, or -1 if it is incomplete. Bulk lengths are in bytes: ASCII payloads only. */
    private static int frameEnd(String text, int at) {
        int eol = text.indexOf("\r\n", at);
        if (eol < 0) {
            return -1;
        }
        char type = text.charAt(at);
        String body = text.substring(at + 1, eol);
        int next = eol + 2;
        switch (type) {
            case '$', '=', '!' -> {
                int length = Integer.parseInt(body);
                if (length < 0) {
                    return next;
                }
                return next + length + 2 <= text.length() ? next + length + 2 : -1;
            }
            case '*', '>', '~', '%' -> {
                int count = Integer.parseInt(body);
                int elements = type == '%' ? count * 2 : Math.max(count, 0);
                for (int i = 0; i < elements; i++) {
                    next = frameEnd(text, next);
                    if (next < 0) {
                        return -1;
                    }
                }
                return next;
            }
            default -> {
                return next;
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
