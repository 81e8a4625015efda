package io.diskdb.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a data directory holds before RocksDB opens it. RocksDB, told to create a missing database,
 * would happily create a new empty one next to whatever is there: a directory whose CURRENT file
 * was lost would come back as an empty dataset, silently. Only an empty (or new) directory may
 * become a new database.
 */
public final class DataDirectory {
    /** RocksDB's pointer to the live MANIFEST; its presence is what makes a directory a database. */
    static final String CURRENT = "CURRENT";
    /** Entries that do not make a directory "used": a fresh file system's lost+found. */
    private static final Set<String> IGNORED = Set.of("lost+found");

    private DataDirectory() {
    }

    /** True when the directory holds a RocksDB database (a CURRENT file). */
    public static boolean holdsDatabase(Path dir) {
        return Files.exists(dir.resolve(CURRENT));
    }

    /** True when the directory is missing or has nothing in it but ignorable entries. */
    public static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        return entries(dir).isEmpty();
    }

    /**
     * Refuses, with one line, a directory that is neither empty nor a readable database.
     *
     * @throws IOException e.g. "data directory '/d' is not empty but has no RocksDB CURRENT file ..."
     */
    public static void checkOpenable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path current = dir.resolve(CURRENT);
        if (!Files.exists(current)) {
            List<String> found = entries(dir);
            if (!found.isEmpty()) {
                throw new IOException("data directory '" + dir + "' is not empty but has no RocksDB CURRENT file ("
                        + summary(found) + "); refusing to start a new empty database over it: restore the"
                        + " CURRENT file, restore a snapshot (--restore) or point --dir at an empty directory");
            }
            return;
        }
        String pointer;
        try {
            pointer = Files.readString(current, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read '" + current + "': " + describe(e)
                    + "; refusing to start without the database it points to", e);
        }
        if (!pointer.matches("MANIFEST-[0-9]+\n?")) {
            throw new IOException("'" + current + "' is damaged (it should name a MANIFEST file); refusing to start"
                    + " a database whose state cannot be trusted: restore a snapshot (--restore) or a backup"
                    + " (--restore-backup)");
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> !IGNORED.contains(name)).sorted().toList();
        }
    }

    private static String summary(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(3, names.size())));
        return names.size() > 3 ? shown + " and " + (names.size() - 3) + " more" : shown;
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "Permission denied" : String.valueOf(e.getMessage());
    }
}
