package io.diskdb.replication;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * CRC32C of whole files. A master makes a checkpoint per full sync, and all its checkpoints
 * hard-link the same immutable table files: a checksum is remembered by the file's identity (inode,
 * size, modification time), so each table file is read once however many checkpoints hold it.
 */
final class FileChecksums {
    private static final int BUFFER = 1 << 20;
    private static final int REMEMBERED = 100_000;

    private record Identity(Object fileKey, long size, long modifiedMillis) {
    }

    private final Map<Identity, Long> known = new ConcurrentHashMap<>();

    /** The file's CRC32C, remembered when it is a file that never changes (an SST or blob file). */
    long crc32c(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!name.endsWith(".sst") && !name.endsWith(".blob")) {
            return compute(file);
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.fileKey() == null) {
            return compute(file);
        }
        Identity identity = new Identity(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime().toMillis());
        Long crc = known.get(identity);
        if (crc == null) {
            crc = compute(file);
            if (known.size() >= REMEMBERED) {
                known.clear(); // a bound, not a policy: table files are far fewer than this
            }
            known.put(identity, crc);
        }
        return crc;
    }

    /** Reads the whole file. */
    static long compute(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return crc.getValue();
    }
}
