package io.diskdb.replication;

import io.netty.buffer.ByteBuf;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The master-to-replica stream after {@code +CONTINUE}: binary frames, each a type byte then
 * big-endian fields.
 * <pre>
 * 'B' [sequence u64][length u32][write batch]   a WAL record, applied at that sequence
 * 'P' [master's latest sequence u64]             heartbeat; the replica answers REPLCONF ACK
 * </pre>
 * The replica answers on the same connection with ordinary RESP commands (REPLCONF ACK).
 */
final class StreamFrames {
    static final byte BATCH = 'B';
    static final byte PING = 'P';
    /** Larger than any batch a command can make; a longer frame means a corrupt stream. */
    static final int MAX_BATCH_BYTES = 1 << 30;

    private StreamFrames() {
    }

    static void writeBatch(ByteBuf out, long sequence, byte[] data) {
        out.writeByte(BATCH).writeLong(sequence).writeInt(data.length).writeBytes(data);
    }

    static void writePing(ByteBuf out, long latestSequence) {
        out.writeByte(PING).writeLong(latestSequence);
    }

    /** One frame as the replica reads it. */
    record Frame(byte type, long sequence, byte[] data) {
    }

    static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the master closed the connection");
        }
        long sequence = in.readLong();
        if (type == PING) {
            return new Frame(PING, sequence, null);
        }
        if (type != BATCH) {
            throw new IOException("unexpected byte 0x" + Integer.toHexString(type) + " in the replication stream");
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_BATCH_BYTES) {
            throw new IOException("replication frame of " + length + " bytes");
        }
        byte[] data = new byte[length];
        in.readFully(data);
        return new Frame(BATCH, sequence, data);
    }
}
