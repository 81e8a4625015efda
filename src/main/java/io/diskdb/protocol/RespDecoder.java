package io.diskdb.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.Arrays;
import java.util.List;

/**
 * Turns the request byte stream into commands ({@code byte[][]}, one element per argument):
 * RESP arrays of bulk strings as clients send them, and inline commands as typed in telnet.
 *
 * <p>The parse position survives between reads, so a command with many arguments or a large
 * bulk that arrives in pieces is never re-parsed from its start. Nothing is allocated from a
 * length the client announced until the bytes are actually there: a 600 MB bulk header with no
 * body costs nothing. After a {@link ProtocolError} the decoder ignores all further input; the
 * connection handler answers the error and closes.
 */
public final class RespDecoder extends ByteToMessageDecoder {
    private static final int INITIAL_ARGS = 1024;

    private final ProtocolLimits limits;
    private final AuthState auth;

    private byte[][] args;
    private int expectedArgs;
    private int parsedArgs;
    private boolean failed;

    /** Lets the decoder apply Redis's tighter limits to clients that have not authenticated. */
    public interface AuthState {
        boolean authRequired();
    }

    public RespDecoder(ProtocolLimits limits, AuthState auth) {
        this.limits = limits;
        this.auth = auth;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (in.isReadable()) {
                byte[][] command = args == null && in.getByte(in.readerIndex()) != '*'
                        ? readInline(in)
                        : readMultibulk(in);
                if (command == null) {
                    return;
                }
                if (command.length > 0) {
                    out.add(command);
                }
            }
        } catch (ProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            out.add(new ProtocolError(e.getMessage()));
        }
    }

    private byte[][] readInline(ByteBuf in) throws ProtocolException {
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            if (in.readableBytes() > limits.maxInlineLength()) {
                throw new ProtocolException("too big inline request");
            }
            return null;
        }
        int end = eol;
        if (end > in.readerIndex() && in.getByte(end - 1) == '\r') {
            end--;
        }
        byte[] line = new byte[end - in.readerIndex()];
        in.readBytes(line);
        in.readerIndex(eol + 1);
        return InlineParser.split(line);
    }

    private byte[][] readMultibulk(ByteBuf in) throws ProtocolException {
        if (args == null) {
            long count = readLengthLine(in, "too big mbulk count string");
            if (count == Long.MIN_VALUE) {
                return null;
            }
            if (count > Integer.MAX_VALUE) {
                throw new ProtocolException("invalid multibulk length");
            }
            if (count <= 0) {
                return new byte[0][];
            }
            if (count > 10 && auth.authRequired()) {
                throw new ProtocolException("unauthenticated multibulk length");
            }
            expectedArgs = (int) count;
            parsedArgs = 0;
            args = new byte[Math.min(expectedArgs, INITIAL_ARGS)][];
        }
        while (parsedArgs < expectedArgs) {
            byte[] arg = readBulk(in);
            if (arg == null) {
                return null;
            }
            if (parsedArgs == args.length) {
                args = Arrays.copyOf(args, (int) Math.min((long) args.length * 2, expectedArgs));
            }
            args[parsedArgs++] = arg;
        }
        byte[][] command = args.length == parsedArgs ? args : Arrays.copyOf(args, parsedArgs);
        args = null;
        return command;
    }

    /** Reads one "$len\r\nbytes\r\n"; returns null, consuming nothing, until all of it is there. */
    private byte[] readBulk(ByteBuf in) throws ProtocolException {
        if (!in.isReadable()) {
            return null;
        }
        int start = in.readerIndex();
        byte type = in.getByte(start);
        if (type != '$') {
            throw new ProtocolException("expected '$', got '" + (char) (type & 0xff) + "'");
        }
        long length = readLengthLine(in, "too big bulk count string");
        if (length == Long.MIN_VALUE) {
            return null;
        }
        if (length < 0 || length > limits.maxBulkLength().getAsLong()) {
            throw new ProtocolException("invalid bulk length");
        }
        if (length > 16384 && auth.authRequired()) {
            throw new ProtocolException("unauthenticated bulk length");
        }
        if (in.readableBytes() < length + 2) {
            in.readerIndex(start);
            return null;
        }
        byte[] value = new byte[(int) length];
        in.readBytes(value);
        in.skipBytes(2); // Redis does not check that the two bytes are CRLF either
        return value;
    }

    /**
     * Parses the "*123\r\n" or "$123\r\n" line at the reader index and moves past it.
     * Returns Long.MIN_VALUE (and consumes nothing) while the line is incomplete.
     */
    private long readLengthLine(ByteBuf in, String tooLongMessage) throws ProtocolException {
        int start = in.readerIndex();
        int eol = in.indexOf(start, in.writerIndex(), (byte) '\r');
        if (eol < 0 || eol + 1 >= in.writerIndex()) {
            if (in.readableBytes() > limits.maxInlineLength()) {
                throw new ProtocolException(tooLongMessage);
            }
            return Long.MIN_VALUE;
        }
        long value = parseLength(in, start + 1, eol);
        in.readerIndex(eol + 2);
        return value;
    }

    private static long parseLength(ByteBuf in, int from, int to) throws ProtocolException {
        boolean negative = false;
        int i = from;
        if (i < to && in.getByte(i) == '-') {
            negative = true;
            i++;
        }
        if (i >= to || to - i > 19) {
            return invalidLength(in, from);
        }
        long value = 0;
        for (; i < to; i++) {
            byte c = in.getByte(i);
            if (c < '0' || c > '9') {
                return invalidLength(in, from);
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                return invalidLength(in, from);
            }
        }
        return negative ? -value : value;
    }

    private static long invalidLength(ByteBuf in, int from) throws ProtocolException {
        throw new ProtocolException(in.getByte(from - 1) == '*' ? "invalid multibulk length" : "invalid bulk length");
    }
}
