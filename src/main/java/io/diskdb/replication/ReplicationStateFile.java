package io.diskdb.replication;

import io.diskdb.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code replication.state} in the data directory: the replication ids of the history the data
 * follows. A restarted master keeps its id (its WAL continues the same history), and a restarted
 * replica resumes with PSYNC from its last applied sequence instead of a full sync. Written
 * through a temporary file and an atomic rename, so a crash leaves the old or the new version.
 */
final class ReplicationStateFile {
    private static final Logger log = LoggerFactory.getLogger(ReplicationStateFile.class);
    static final String NAME = "replication.state";
    private final Path file;

    ReplicationStateFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
    }

    /** The stored ids, or fresh ones when there is no readable file (new database). */
    ReplicationIds load() {
        if (!Files.exists(file)) {
            return ReplicationIds.fresh();
        }
        try {
            Map<String, String> fields = new HashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
            String replid = fields.get("replid");
            String replid2 = fields.getOrDefault("replid2", ReplicationIds.NONE);
            long second = Long.parseLong(fields.getOrDefault("second_repl_offset", "-1"));
            if (replid == null || !ReplicationIds.isWellFormed(replid) || !ReplicationIds.isWellFormed(replid2)) {
                throw new IOException("malformed ids");
            }
            return new ReplicationIds(replid, replid2, second);
        } catch (IOException | NumberFormatException e) {
            // Only costs a full sync of the replicas (or of this replica): not worth refusing to start.
            log.warn("ignoring unreadable {} ({}); starting a new replication history", file, e.getMessage());
            return ReplicationIds.fresh();
        }
    }

    void save(ReplicationIds ids) {
        String text = "replid=" + ids.replid() + "\nreplid2=" + ids.replid2()
                + "\nsecond_repl_offset=" + ids.secondOffset() + "\n";
        try {
            AtomicFiles.replace(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
