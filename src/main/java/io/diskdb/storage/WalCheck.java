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

/**
 * Reads RocksDB's write-ahead-log files before the database opens, to say in DiskDB's own log
 * whether one is damaged and where. RocksDB repairs or refuses according to the WAL recovery
 * mode but only writes about it in its own LOG file, which nobody reads; this check names the
 * file and offset so the operator knows writes were dropped (or why the start was refused).
 *
 * <p>The records are read by {@link WalPhysicalRecord} (the format is described there). The
 * check only reads; it never changes a file.
 */
public final class WalCheck {

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
        long position = 0;
        while (position < size) {
            WalPhysicalRecord record = WalPhysicalRecord.read(bytes, 0, position);
            if (record instanceof WalPhysicalRecord.Fragment fragment) {
                position = fragment.next();
            } else if (record instanceof WalPhysicalRecord.Padding padding) {
                position = padding.next();
            } else if (record instanceof WalPhysicalRecord.Zeroes) {
                // zeroes after the last record: preallocated space, nothing was written there
                return allZero(bytes, (int) position) ? Optional.empty() : damage(file, position, size, "corrupt record");
            } else if (record instanceof WalPhysicalRecord.Truncated truncated) {
                return damage(file, position, size, truncated.what());
            } else if (record instanceof WalPhysicalRecord.Corrupt corrupt) {
                return damage(file, position, size, corrupt.what());
            }
        }
        return Optional.empty();
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
