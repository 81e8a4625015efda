package io.diskdb.config;

import io.diskdb.storage.Restore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start-up flags that replace the data directory's database before the server opens it:
 * {@code --restore SNAPSHOT_DIR} or {@code --restore-backup BACKUP_DIR}, with {@code --force} to
 * replace an existing database (kept aside, never deleted; see {@link Restore}). They are taken
 * out of the arguments before {@link CommandLine} reads the rest, since they are actions, not
 * settings CONFIG could report.
 *
 * @param remainingArgs the arguments without these flags
 */
public record RestoreRequest(Path snapshot, Path backup, boolean force, String[] remainingArgs) {

    public static RestoreRequest extract(String... args) {
        Path snapshot = null;
        Path backup = null;
        boolean force = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--force") && !arg.contains("=")) {
                force = true;
            } else if (name.equals("--restore") || name.equals("--restore-backup")) {
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new ConfigException("option '" + name + "' needs a directory (see --help)");
                }
                if (name.equals("--restore")) {
                    snapshot = Path.of(value);
                } else {
                    backup = Path.of(value);
                }
            } else {
                rest.add(arg);
            }
        }
        if (snapshot != null && backup != null) {
            throw new ConfigException("--restore and --restore-backup cannot be used together");
        }
        if (force && snapshot == null && backup == null) {
            throw new ConfigException("--force only applies to --restore or --restore-backup");
        }
        return new RestoreRequest(snapshot, backup, force, rest.toArray(String[]::new));
    }

    public boolean requested() {
        return snapshot != null || backup != null;
    }

    /** Puts the snapshot or backup in place in {@code dataDir}; nothing when none was asked for. */
    public void apply(Path dataDir) throws IOException {
        if (snapshot != null) {
            Restore.fromSnapshot(snapshot, dataDir, force);
        } else if (backup != null) {
            Restore.fromBackup(backup, dataDir, force);
        }
    }
}
