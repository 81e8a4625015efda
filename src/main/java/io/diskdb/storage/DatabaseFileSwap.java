package io.diskdb.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replaces the database files of a data directory (RocksDB closed) with a complete database staged
 * in a directory inside it, such that a crash at any point leaves a directory that opens as either
 * the old database or the new one — never a mix (old WAL files replayed over new tables, or tables
 * of both under one MANIFEST).
 *
 * <p>How: the staged files are fsynced, then a journal naming the staged directory and its files
 * is written atomically ({@code <dir>/data-swap/journal}). From that moment the swap is decided and
 * is always finished, by this process or by the next start ({@link #finishInterrupted}, called
 * before RocksDB opens). Finishing is idempotent and needs no record of how far it got: every
 * database file in the data directory that is not in the journal, or whose name is still present in
 * the staged directory, is old and moves aside to {@code data-swap/previous}; then each staged file
 * moves in, CURRENT last; then the journal goes, then the old files. Moves are renames within one
 * file system (atomic). Before the journal exists, a crash leaves the old database untouched.
 *
 * <p>Only RocksDB's own files are moved (by name); sub-directories (snapshots, replication) and
 * other files of the data directory, and RocksDB's info LOG files, stay where they are.
 */
public final class DatabaseFileSwap {
    private static final Logger log = LoggerFactory.getLogger(DatabaseFileSwap.class);
    static final String DIRECTORY = "data-swap";
    private static final String JOURNAL = "journal";
    private static final String PREVIOUS = "previous";
    private static final Pattern DATABASE_FILE = Pattern.compile(
            "CURRENT|IDENTITY|LOCK|MANIFEST-[0-9]+|OPTIONS-[0-9]+(\\.dbtmp)?|[0-9]+\\.(sst|log|blob|ldb|dbtmp)");

    /** Renames a file; tests put one here that stops part-way, as a crash would. */
    @FunctionalInterface
    interface Mover {
        Mover FILES = (from, to) -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);

        void move(Path from, Path to) throws IOException;
    }

    private DatabaseFileSwap() {
    }

    /** Whether a file name is one of RocksDB's database files (not its info LOG). */
    public static boolean isDatabaseFile(String name) {
        return DATABASE_FILE.matcher(name).matches();
    }

    /**
     * Installs the database staged in {@code staged} (a directory inside {@code dataDir}) in place of
     * the data directory's database; {@code staged} is emptied and removed.
     */
    static void install(Path staged, Path dataDir) throws IOException {
        install(staged, dataDir, Mover.FILES);
    }

    static void install(Path staged, Path dataDir, Mover mover) throws IOException {
        Path stagedAbsolute = staged.toAbsolutePath().normalize();
        Path dirAbsolute = dataDir.toAbsolutePath().normalize();
        if (!stagedAbsolute.startsWith(dirAbsolute) || stagedAbsolute.equals(dirAbsolute)) {
            throw new IOException("the staged database must be in a directory inside the data directory");
        }
        if (!DataDirectory.holdsDatabase(staged)) {
            throw new IOException("'" + staged + "' holds no database (no CURRENT file)");
        }
        List<String> names = new ArrayList<>();
        for (Path file : list(staged)) {
            if (isDatabaseFile(file.getFileName().toString())) {
                fsync(file);
                names.add(file.getFileName().toString());
            }
        }
        fsync(staged);
        writeJournal(dataDir, dirAbsolute.relativize(stagedAbsolute).toString(), names, mover);
        finish(dataDir, mover);
    }

    /**
     * At start, before RocksDB opens the directory: finishes a swap a crash interrupted after it was
     * decided, and removes what one interrupted before that left behind.
     */
    public static void finishInterrupted(Path dataDir) throws IOException {
        Path root = dataDir.resolve(DIRECTORY);
        if (!Files.isDirectory(root)) {
            return;
        }
        if (Files.exists(root.resolve(JOURNAL))) {
            log.warn("finishing the replacement of the database in {} that was interrupted", dataDir);
            finish(dataDir, Mover.FILES);
        } else {
            Snapshots.deleteTree(root);
        }
    }

    private static void finish(Path dataDir, Mover mover) throws IOException {
        Path root = dataDir.resolve(DIRECTORY);
        List<String> journal = Files.readAllLines(root.resolve(JOURNAL), StandardCharsets.UTF_8);
        Path staged = dataDir.resolve(journal.get(0));
        Set<String> incoming = new HashSet<>(journal.subList(1, journal.size()));
        Path previous = root.resolve(PREVIOUS);
        Files.createDirectories(previous);
        // CURRENT first, so that the directory is no openable database while it holds a mix
        List<Path> old = new ArrayList<>();
        for (Path file : list(dataDir)) {
            String name = file.getFileName().toString();
            if (isDatabaseFile(name) && (!incoming.contains(name) || Files.exists(staged.resolve(name)))) {
                old.add(file);
            }
        }
        old.sort((a, b) -> Boolean.compare(!isCurrent(a), !isCurrent(b)));
        for (Path file : old) {
            mover.move(file, previous.resolve(file.getFileName())); // a rename replaces an earlier attempt's
        }
        fsync(dataDir);
        if (Files.isDirectory(staged)) {
            List<Path> moving = new ArrayList<>(list(staged));
            moving.sort((a, b) -> Boolean.compare(isCurrent(a), isCurrent(b))); // CURRENT last
            for (Path file : moving) {
                if (incoming.contains(file.getFileName().toString())) {
                    mover.move(file, dataDir.resolve(file.getFileName()));
                }
            }
        }
        fsync(dataDir);
        Files.delete(root.resolve(JOURNAL));
        fsync(root);
        Snapshots.deleteTree(root);
        if (Files.isDirectory(staged)) {
            Snapshots.deleteTree(staged);
        }
    }

    private static boolean isCurrent(Path file) {
        return file.getFileName().toString().equals(DataDirectory.CURRENT);
    }

    /** Written in full under a temporary name, then renamed: the journal exists whole or not at all. */
    private static void writeJournal(Path dataDir, String stagedRelative, List<String> names, Mover mover)
            throws IOException {
        Path root = dataDir.resolve(DIRECTORY);
        Files.createDirectories(root);
        Path temporary = root.resolve(JOURNAL + ".tmp");
        StringBuilder text = new StringBuilder(stagedRelative).append('\n');
        names.forEach(name -> text.append(name).append('\n'));
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        fsync(temporary);
        mover.move(temporary, root.resolve(JOURNAL));
        fsync(root);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).toList();
        }
    }

    /** fsync of a file, or of a directory (which makes the renames in it durable). */
    static void fsync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
