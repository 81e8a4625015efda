package io.diskdb.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * One physical record of RocksDB's write-ahead-log format (log_format.h), read from bytes of a
 * WAL file. The file is a sequence of 32 KB blocks; each record has a 7-byte header
 * {@code [masked crc32c u32][length u16][type u8]} (11 bytes, with the log number, for the
 * recyclable types 5..8), and the CRC covers the type, the log number if any and the payload.
 * A record never crosses a block end: a block's last 0..6 bytes are zero padding. A logical
 * record (a write batch) longer than what is left of a block is split into FIRST, MIDDLE... and
 * LAST fragments.
 *
 * <p>Both the start-up check ({@link WalCheck}) and the replication tail
 * ({@link WalLogicalReader}) read records with {@link #read}; each decides what a short or bad
 * record means for it (damage after a crash; "not written yet" in a live file).
 */
public sealed interface WalPhysicalRecord {
    int BLOCK_SIZE = 32 * 1024;
    int HEADER = 7;
    int RECYCLABLE_HEADER = 11;
    int FULL = 1;
    int FIRST = 2;
    int MIDDLE = 3;
    int LAST = 4;

    /** A whole record whose CRC matches; {@code next} is the file offset right after it. */
    record Fragment(int type, long logNumber, ByteBuffer payload, long next) implements WalPhysicalRecord {
        /** The fragment kind (FULL, FIRST, MIDDLE, LAST) whether the record is recyclable or not; other types as they are. */
        public int kind() {
            return isRecyclable(type) ? type - 4 : type;
        }

        public boolean recyclable() {
            return isRecyclable(type);
        }
    }

    /** The end of a block too short for a header: the next record starts at the next block. */
    record Padding(long next) implements WalPhysicalRecord {
    }

    /** The bytes end inside the record (a crash-torn tail, or a live file's tail being written). */
    record Truncated(String what) implements WalPhysicalRecord {
    }

    /** An all-zero header: space where nothing was written (preallocated or padded). */
    record Zeroes() implements WalPhysicalRecord {
    }

    /** A whole record that cannot be right: bad checksum, or longer than its block. */
    record Corrupt(String what) implements WalPhysicalRecord {
    }

    /**
     * The record at file offset {@code offset}.
     *
     * @param bytes  little-endian bytes of the file from file offset {@code start}, up to its limit
     * @param start  the file offset of {@code bytes}' index 0 (blocks are counted from the file's start)
     * @param offset the file offset of the record, within {@code bytes}
     */
    static WalPhysicalRecord read(ByteBuffer bytes, long start, long offset) {
        long end = start + bytes.limit();
        int leftInBlock = (int) (BLOCK_SIZE - offset % BLOCK_SIZE);
        if (leftInBlock < HEADER) {
            return new Padding(offset + leftInBlock);
        }
        if (end - offset < HEADER) {
            return new Truncated("truncated record header");
        }
        int at = (int) (offset - start);
        int storedCrc = bytes.getInt(at);
        int length = Short.toUnsignedInt(bytes.getShort(at + 4));
        int type = Byte.toUnsignedInt(bytes.get(at + 6));
        if (storedCrc == 0 && length == 0 && type == 0) {
            return new Zeroes();
        }
        int header = isRecyclable(type) ? RECYCLABLE_HEADER : HEADER;
        if (end - offset < header + length) {
            return new Truncated("truncated record");
        }
        if (header + length > leftInBlock || !crcMatches(bytes, at, header, length, storedCrc)) {
            return new Corrupt("corrupt record (checksum mismatch)");
        }
        long logNumber = header == RECYCLABLE_HEADER ? Integer.toUnsignedLong(bytes.getInt(at + HEADER)) : 0;
        ByteBuffer payload = bytes.slice(at + header, length).order(ByteOrder.LITTLE_ENDIAN);
        return new Fragment(type, logNumber, payload, offset + header + length);
    }

    private static boolean isRecyclable(int type) {
        return type >= 5 && type <= 8;
    }

    private static boolean crcMatches(ByteBuffer bytes, int at, int header, int length, int storedCrc) {
        CRC32C crc = new CRC32C();
        // the CRC covers the type byte, the recyclable log number if any, and the payload
        crc.update(bytes.slice(at + 6, header - 6 + length));
        return mask((int) crc.getValue()) == storedCrc;
    }

    /** RocksDB stores CRCs masked (rotated and offset), so that a CRC of data holding CRCs stays strong. */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }
}
