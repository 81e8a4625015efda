package io.diskdb.storage;

import org.rocksdb.BackupEngine;
import org.rocksdb.BackupEngineOptions;
import org.rocksdb.Env;
import org.rocksdb.RestoreOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts a snapshot ({@code --restore}) or the newest backup ({@code --restore-backup}) in place of
 * the data directory's database before the server opens it. The safe order:
 * <ol>
 *   <li>a data directory that already holds a database is refused, unless forced; forced, its
 *       files are moved (never deleted) to {@code <dir>/snapshots/pre-restore-<time>}, itself a
 *       complete database that {@code --restore} can go back to;</li>
 *   <li>the source is staged in {@code <dir>/restore-staging} (snapshot SST files hard-linked,
 *       everything else copied, so the snapshot is never modified by the database that uses it);</li>
 *   <li>the staged files are moved in, CURRENT last: a restore interrupted before that leaves a
 *       directory without CURRENT, which start-up refuses rather than opening an empty database.</li>
 * </ol>
 */
public final class Restore {
    private static final Logger log = LoggerFactory.getLogger(Restore.class);
    static final String STAGING = "restore-staging";
    /** Entries of a data directory that are not part of its database. */
    private static final Set<String> NOT_DATABASE = Set.of(Snapshots.DIRECTORY, STAGING, "lost+found",
            "replication", DatabaseFileSwap.DIRECTORY);

    static {
        RocksDB.loadLibrary(); // a restore runs before the Engine, which otherwise loads it
    }

    private Restore() {
    }

    /** Replaces the data directory's database with a copy of a snapshot (a RocksDB checkpoint). */
    public static void fromSnapshot(Path snapshot, Path dataDir, boolean force) throws IOException {
        if (!DataDirectory.holdsDatabase(snapshot)) {
            throw new IOException("cannot restore '" + snapshot + "': not a snapshot (no CURRENT file)");
        }
        Path staging = prepare(dataDir, force, "snapshot " + snapshot);
        try (Stream<Path> files = Files.list(snapshot)) {
            for (Path file : files.toList()) {
                if (Files.isDirectory(file)) {
                    continue;
                }
                Path target = staging.resolve(file.getFileName());
                if (file.getFileName().toString().endsWith(".sst")) {
                    linkOrCopy(file, target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        install(staging, dataDir);
        log.info("restored snapshot {} into {}", snapshot, dataDir);
    }

    /** Replaces the data directory's database with the newest backup made by BACKUP. */
    public static void fromBackup(Path backupDir, Path dataDir, boolean force) throws IOException {
        if (!Files.isDirectory(backupDir.resolve("meta"))) {
            throw new IOException("cannot restore '" + backupDir + "': not a backup directory (no meta/)");
        }
        Path staging = prepare(dataDir, force, "backup " + backupDir);
        try (BackupEngineOptions options = new BackupEngineOptions(backupDir.toString());
             BackupEngine backups = BackupEngine.open(Env.getDefault(), options);
             RestoreOptions restore = new RestoreOptions(false)) {
            if (backups.getBackupInfo().isEmpty()) {
                throw new IOException("cannot restore '" + backupDir + "': it holds no backup");
            }
            var newest = backups.getBackupInfo().get(backups.getBackupInfo().size() - 1);
            log.info("restoring backup {} ({} files, {} bytes) from {}", newest.backupId(), newest.numberFiles(),
                    newest.size(), backupDir);
            backups.restoreDbFromLatestBackup(staging.toString(), staging.toString(), restore);
        } catch (RocksDBException e) {
            throw new IOException("cannot restore '" + backupDir + "': " + e.getMessage(), e);
        }
        install(staging, dataDir);
        log.info("restored the newest backup in {} into {}", backupDir, dataDir);
    }

    /** Checks or clears the data directory and returns an empty staging directory inside it. */
    private static Path prepare(Path dataDir, boolean force, String source) throws IOException {
        Files.createDirectories(dataDir);
        List<Path> database = databaseFiles(dataDir);
        if (!database.isEmpty()) {
            if (!force) {
                throw new IOException("data directory '" + dataDir + "' already holds a database; restoring "
                        + source + " replaces it only with --force (the current files are then kept in "
                        + dataDir.resolve(Snapshots.DIRECTORY).resolve("pre-restore-<time>") + ")");
            }
            Path aside = dataDir.resolve(Snapshots.DIRECTORY)
                    .resolve("pre-restore-" + Instant.now().toString().replace(':', '-'));
            Files.createDirectories(aside);
            for (Path file : database) {
                Files.move(file, aside.resolve(file.getFileName()));
            }
            log.warn("--force: the database that was in {} is now in {}", dataDir, aside);
        }
        Path staging = dataDir.resolve(STAGING);
        if (Files.exists(staging)) {
            Snapshots.deleteTree(staging); // left by an interrupted restore
        }
        Files.createDirectories(staging);
        return staging;
    }

    private static List<Path> databaseFiles(Path dataDir) throws IOException {
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries.filter(p -> !NOT_DATABASE.contains(p.getFileName().toString())).toList();
        }
    }

    /** Moves the staged files into the data directory, CURRENT last, then removes the staging directory. */
    private static void install(Path staging, Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals(DataDirectory.CURRENT)).toList()) {
                Files.move(file, dataDir.resolve(file.getFileName()));
            }
        }
        Files.move(staging.resolve(DataDirectory.CURRENT), dataDir.resolve(DataDirectory.CURRENT),
                StandardCopyOption.ATOMIC_MOVE);
        Files.delete(staging);
    }

    /** SST files never change, so a hard link is a safe copy; across file systems, a real copy. */
    private static void linkOrCopy(Path file, Path target) throws IOException {
        try {
            Files.createLink(target, file);
        } catch (FileSystemException | UnsupportedOperationException e) {
            Files.copy(file, target);
        }
    }
}
