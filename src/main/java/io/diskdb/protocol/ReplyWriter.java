package io.diskdb.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * Encodes replies straight into a connection's output buffer, in RESP2 or RESP3.
 *
 * <p>Commands describe replies by shape (map, set, double, null...) and this class picks the
 * wire form for the connection's protocol version, so no command needs to know which one the
 * client speaks. Writing directly into the buffer avoids building a reply tree per command.
 */
public final class ReplyWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESP3_NULL = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] SMALL_INTEGERS = new byte[64][];

    static {
        for (int i = 0; i < SMALL_INTEGERS.length; i++) {
            SMALL_INTEGERS[i] = (":" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private ByteBuf out;
    private int protocol = 2;

    public ReplyWriter(ByteBuf out) {
        this.out = out;
    }

    /** Points the writer at another buffer (used to capture replies, e.g. for MULTI/EXEC). */
    public ByteBuf swapBuffer(ByteBuf next) {
        ByteBuf previous = out;
        out = next;
        return previous;
    }

    public ByteBuf buffer() {
        return out;
    }

    public int protocol() {
        return protocol;
    }

    public void protocol(int version) {
        this.protocol = version;
    }

    public boolean resp3() {
        return protocol == 3;
    }

    public void ok() {
        out.writeBytes(OK);
    }

    public void simple(String text) {
        out.writeByte('+');
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    /** An error reply; {@code message} starts with its code, e.g. "ERR syntax error" or "WRONGTYPE ...". */
    public void error(String message) {
        out.writeByte('-');
        // Error lines may not contain newlines: Redis replaces them with spaces too.
        out.writeCharSequence(message.replace('\r', ' ').replace('\n', ' '), StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    public void integer(long value) {
        if (value >= 0 && value < SMALL_INTEGERS.length) {
            out.writeBytes(SMALL_INTEGERS[(int) value]);
            return;
        }
        out.writeByte(':');
        writeDecimal(value);
        out.writeBytes(CRLF);
    }

    public void bulk(byte[] value) {
        if (value == null) {
            nullBulk();
            return;
        }
        bulk(value, 0, value.length);
    }

    public void bulk(byte[] value, int offset, int length) {
        out.writeByte('$');
        writeDecimal(length);
        out.writeBytes(CRLF);
        out.writeBytes(value, offset, length);
        out.writeBytes(CRLF);
    }

    public void bulk(String value) {
        if (value == null) {
            nullBulk();
            return;
        }
        bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A number as a bulk string, as Redis replies to INCRBYFLOAT or in CONFIG GET. */
    public void bulkDecimal(long value) {
        bulk(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    public void nullBulk() {
        out.writeBytes(protocol == 3 ? RESP3_NULL : NULL_BULK);
    }

    public void nullArray() {
        out.writeBytes(protocol == 3 ? RESP3_NULL : NULL_ARRAY);
    }

    public void arrayHeader(int count) {
        aggregateHeader('*', count);
    }

    /** A map of {@code pairs} entries; RESP2 clients get a flat array of 2 * pairs elements. */
    public void mapHeader(int pairs) {
        if (protocol == 3) {
            aggregateHeader('%', pairs);
        } else {
            aggregateHeader('*', pairs * 2);
        }
    }

    /** A set; RESP2 clients get an array. */
    public void setHeader(int count) {
        aggregateHeader(protocol == 3 ? '~' : '*', count);
    }

    /** An out-of-band push frame (pub/sub); RESP2 clients get an array. */
    public void pushHeader(int count) {
        aggregateHeader(protocol == 3 ? '>' : '*', count);
    }

    public void bool(boolean value) {
        if (protocol == 3) {
            out.writeBytes(value ? "#t\r\n".getBytes(StandardCharsets.US_ASCII) : "#f\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            integer(value ? 1 : 0);
        }
    }

    /** A double: RESP3 native, RESP2 as a bulk string formatted the way Redis formats it. */
    public void doubleValue(double value) {
        String text = Doubles.format(value);
        if (protocol == 3) {
            out.writeByte(',');
            out.writeCharSequence(text, StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
        } else {
            bulk(text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Verbatim text (INFO, CLIENT LIST in RESP3); {@code format} is three letters, e.g. "txt". */
    public void verbatim(String format, String text) {
        if (protocol == 3) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            out.writeByte('=');
            writeDecimal(body.length + 4);
            out.writeBytes(CRLF);
            out.writeCharSequence(format, StandardCharsets.US_ASCII);
            out.writeByte(':');
            out.writeBytes(body);
            out.writeBytes(CRLF);
        } else {
            bulk(text);
        }
    }

    /** Appends replies encoded elsewhere, e.g. the captured replies of a transaction. */
    public void raw(ByteBuf encoded) {
        out.writeBytes(encoded, encoded.readerIndex(), encoded.readableBytes());
    }

    private void aggregateHeader(char type, int count) {
        out.writeByte(type);
        writeDecimal(count);
        out.writeBytes(CRLF);
    }

    private void writeDecimal(long value) {
        if (value >= 0 && value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        ByteBufUtil.writeAscii(out, Long.toString(value));
    }
}
