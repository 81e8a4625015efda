package io.diskdb.replication;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of a checkpoint the replica need not fetch because it already has them, byte for byte
 * (same name, size and CRC32C): left in the staging directory by an interrupted full sync, or table
 * files of its live data that came from an earlier full sync of the same master and were not
 * compacted away since. Live files are hard-linked into the staging directory, not copied: table
 * files never change, and a link costs no disk and no time.
 */
final class LocalFileReuse {
    private final Path dataDir;

    LocalFileReuse(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Places the file in {@code staging} from local data; true when it is there with the manifest's size and CRC. */
    boolean stage(CheckpointFile file, Path staging) throws IOException {
        Path staged = staging.resolve(file.name());
        if (Files.isRegularFile(staged)) {
            if (matches(staged, file)) {
                return true;
            }
            Files.delete(staged);
        }
        if (!neverChanges(file.name())) {
            return false; // a live MANIFEST, WAL or OPTIONS file is not the master's, whatever its name
        }
        Path live = dataDir.resolve(file.name());
        if (!Files.isRegularFile(live) || Files.size(live) != file.size()) {
            return false;
        }
        try {
            Files.createLink(staged, live);
        } catch (FileSystemException | UnsupportedOperationException e) {
            return false; // compacted away meanwhile, or no hard links here: fetch it
        }
        if (matches(staged, file)) {
            return true;
        }
        Files.delete(staged); // a local file of the same name with other content
        return false;
    }

    static boolean neverChanges(String name) {
        return name.endsWith(".sst") || name.endsWith(".blob");
    }

    static boolean matches(Path file, CheckpointFile expected) throws IOException {
        return Files.size(file) == expected.size() && FileChecksums.compute(file) == expected.crc32c();
    }
}
