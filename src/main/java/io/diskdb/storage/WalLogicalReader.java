package io.diskdb.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the logical records (write batches) of one WAL file in order, keeping its place while
 * the file grows: each call reads only what was appended since the last whole record. A record
 * not wholly in the file yet (short, or with a CRC that does not match because it is still being
 * written) is "nothing yet": the place stays before it and a later call reads it again, so half
 * a record is never returned. Data that cannot be a WAL this reader understands (fragments out of
 * order, a record type it does not know) is an {@link UnreadableWalException}.
 */
public final class WalLogicalReader implements AutoCloseable {
    /** Bytes read from the file at once: many small batches per read system call. */
    private static final int CHUNK = 256 * 1024;

    private final FileChannel channel;
    private final long logNumber;
    /** File offset after the last record returned: where the next one starts. */
    private long offset;
    /** Bytes of the file from file offset windowStart, read by earlier calls. */
    private ByteBuffer window = ByteBuffer.allocate(0);
    private long windowStart;

    public WalLogicalReader(Path file, long logNumber) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.logNumber = logNumber;
    }

    /** The next whole logical record's payload, or null when the file holds none after the place yet. */
    public byte[] next() throws IOException {
        ByteArrayOutputStream fragments = null;
        long position = offset;
        while (true) {
            WalPhysicalRecord record = read(position);
            if (record instanceof WalPhysicalRecord.Padding padding) {
                position = padding.next();
                continue;
            }
            if (!(record instanceof WalPhysicalRecord.Fragment fragment)) {
                // Short, zeroes, or a CRC mismatch at the end of a live file: not (wholly) written yet.
                return null;
            }
            if (fragment.recyclable() && fragment.logNumber() != (logNumber & 0xffffffffL)) {
                return null; // a record of the file's previous life (recycled log): this log ends here
            }
            position = fragment.next();
            int kind = fragment.kind();
            if (kind >= 128) {
                continue; // types with the top bit set are metadata a reader may skip (log_format.h)
            }
            switch (kind) {
                case WalPhysicalRecord.FULL -> {
                    requireNoFragments(fragments, position);
                    offset = position;
                    return bytes(fragment.payload());
                }
                case WalPhysicalRecord.FIRST -> {
                    requireNoFragments(fragments, position);
                    fragments = new ByteArrayOutputStream();
                    append(fragments, fragment.payload());
                }
                case WalPhysicalRecord.MIDDLE, WalPhysicalRecord.LAST -> {
                    if (fragments == null) {
                        throw new UnreadableWalException("fragment without a first one before offset " + position);
                    }
                    append(fragments, fragment.payload());
                    if (kind == WalPhysicalRecord.LAST) {
                        offset = position;
                        return fragments.toByteArray();
                    }
                }
                default -> throw new UnreadableWalException("record type " + fragment.type() + " before offset " + position);
            }
        }
    }

    /** File offset after the last record returned. */
    public long offset() {
        return offset;
    }

    /** The physical record at {@code position}, reading from the file what the window lacks. */
    private WalPhysicalRecord read(long position) throws IOException {
        // (a record read again after a "nothing yet" may start before the window, which moved on)
        boolean inWindow = position >= windowStart && position <= windowStart + window.limit();
        WalPhysicalRecord record = inWindow ? WalPhysicalRecord.read(window, windowStart, position) : null;
        if (record instanceof WalPhysicalRecord.Fragment || record instanceof WalPhysicalRecord.Padding) {
            return record;
        }
        // Maybe only the window ends there, or it holds a record as it was while being written:
        // read the file again from this record on (only what follows the place: the tail).
        long size = channel.size();
        if (size <= position) {
            return new WalPhysicalRecord.Truncated("nothing written yet"); // (padding is handled above)
        }
        window = readFrom(position, (int) Math.min(CHUNK, Math.max(0, size - position)));
        windowStart = position;
        return WalPhysicalRecord.read(window, windowStart, position);
    }

    private ByteBuffer readFrom(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }

    private static void requireNoFragments(ByteArrayOutputStream fragments, long position) {
        if (fragments != null) {
            throw new UnreadableWalException("a record starts inside a fragmented one before offset " + position);
        }
    }

    private static void append(ByteArrayOutputStream out, ByteBuffer payload) {
        out.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
    }

    private static byte[] bytes(ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return bytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The file holds data this reader cannot take for a WAL record. */
    public static final class UnreadableWalException extends RuntimeException {
        public UnreadableWalException(String message) {
            super(message);
        }
    }
}
