package io.diskdb.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Reads RocksDB's write-ahead-log files before the database opens, to say in DiskDB's own log
 * whether one is damaged and where. RocksDB repairs or refuses according to the WAL recovery
 * mode but only writes about it in its own LOG file, which nobody reads; this check names the
 * file and offset so the operator knows writes were dropped (or why the start was refused).
 *
 * <p>The format (RocksDB's log_format.h): 32 KB blocks of physical records, each with a 7-byte
 * header {@code [masked crc32c u32][length u16][type u8]} (11 bytes with the log number for the
 * recyclable types 5..8); the CRC covers the type, the log number if any and the payload. A
 * block's last 0..6 bytes are zero padding. The check only reads; it never changes a file.
 */
public final class WalCheck {
    static final int BLOCK_SIZE = 32 * 1024;
    private static final int HEADER = 7;
    private static final int RECYCLABLE_HEADER = 11;
    private static final int MASK_DELTA = 0xa282ead8;

    /** What is wrong with one WAL file. */
    public record Damage(Path file, long offset, long fileSize, String what) {
        /** e.g. "000012.log: truncated record at offset 40960 (the last 18 bytes of 40978)". */
        public String describe() {
            return file.getFileName() + ": " + what + " at offset " + offset + " (the last " + (fileSize - offset)
                    + " bytes of " + fileSize + ")";
        }
    }

    private WalCheck() {
    }

    /** The WAL files of a database directory, oldest first (their names are increasing numbers). */
    public static List<Path> walFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("[0-9]+\\.log"))
                    .sorted(Comparator.comparing(f -> Long.parseLong(f.getFileName().toString().replace(".log", ""))))
                    .toList();
        }
    }

    /** The damage found in every WAL file of the directory, in file order. */
    public static List<Damage> checkDirectory(Path dir) throws IOException {
        List<Damage> found = new ArrayList<>();
        for (Path file : walFiles(dir)) {
            checkFile(file).ifPresent(found::add);
        }
        return found;
    }

    /** The first damaged record of one file; empty when every record is whole and its CRC matches. */
    public static Optional<Damage> checkFile(Path file) throws IOException {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
        }
        long size = bytes.limit();
        int position = 0;
        while (position < size) {
            int leftInBlock = BLOCK_SIZE - position % BLOCK_SIZE;
            if (leftInBlock < HEADER) {
                position += leftInBlock; // trailer padding
                continue;
            }
            if (size - position < HEADER) {
                return damage(file, position, size, "truncated record header");
            }
            int storedCrc = bytes.getInt(position);
            int length = Short.toUnsignedInt(bytes.getShort(position + 4));
            int type = Byte.toUnsignedInt(bytes.get(position + 6));
            if (storedCrc == 0 && length == 0 && type == 0) {
                // zeroes after the last record: preallocated space, nothing was written there
                return allZero(bytes, position) ? Optional.empty() : damage(file, position, size, "corrupt record");
            }
            int header = type >= 5 && type <= 8 ? RECYCLABLE_HEADER : HEADER;
            if (position + header + length > size) {
                return damage(file, position, size, "truncated record");
            }
            if (header + length > leftInBlock || !crcMatches(bytes, position, header, length, storedCrc)) {
                return damage(file, position, size, "corrupt record (checksum mismatch)");
            }
            position += header + length;
        }
        return Optional.empty();
    }

    private static boolean crcMatches(ByteBuffer bytes, int position, int header, int length, int storedCrc) {
        CRC32C crc = new CRC32C();
        // the CRC covers the type byte, the recyclable log number if any, and the payload
        crc.update(bytes.slice(position + 6, header - 6 + length));
        int actual = (int) crc.getValue();
        int masked = ((actual >>> 15) | (actual << 17)) + MASK_DELTA;
        return masked == storedCrc;
    }

    private static boolean allZero(ByteBuffer bytes, int from) {
        for (int i = from; i < bytes.limit(); i++) {
            if (bytes.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Damage> damage(Path file, long offset, long size, String what) {
        return Optional.of(new Damage(file, offset, size, what));
    }
}
