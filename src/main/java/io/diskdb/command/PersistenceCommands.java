package io.diskdb.command;

import io.diskdb.storage.Snapshots;

import java.nio.file.Path;
import io.diskdb.storage.StorageException;

/**
 * SAVE, BGSAVE: snapshots of the database (RocksDB checkpoints, see {@link Snapshots}). Every
 * acknowledged write is already durable in RocksDB; a snapshot is a point-in-time copy to go back
 * to with {@code diskdb --restore}. LASTSAVE (in {@link ServerCommands}) reports the last one.
 * DiskDB's own BACKUP (incremental RocksDB backup to another directory) and COMPACT (reclaim disk
 * now) run in the background and report in INFO.
 */
public final class PersistenceCommands {
    private PersistenceCommands() {
    }

    public static void register(CommandTable table) {
        table.register("save", PersistenceCommands::save);
        table.register("bgsave", PersistenceCommands::bgsave);
        table.register("backup", PersistenceCommands::backup);
        table.register("compact", PersistenceCommands::compact);
    }

    /** BACKUP dir: an incremental backup into dir on the background thread; INFO persistence reports it. */
    static void backup(CommandContext ctx) {
        try {
            ctx.server().backups().start(Path.of(ctx.argString(1)));
        } catch (IllegalStateException busy) {
            throw new CommandError("ERR Backup already in progress");
        } catch (IllegalArgumentException e) {
            throw new CommandError("ERR " + e.getMessage());
        }
        ctx.reply().simple("Backup started");
    }

    /** COMPACT: a full compaction in the background; INFO diskdb reports it and the sizes. */
    static void compact(CommandContext ctx) {
        try {
            ctx.server().compaction().start();
        } catch (IllegalStateException busy) {
            throw new CommandError("ERR Compaction already in progress");
        }
        ctx.reply().simple("Compaction started");
    }

    /** SAVE: a snapshot now, replying when it is complete (blocks this event loop meanwhile, as in Redis). */
    static void save(CommandContext ctx) {
        try {
            ctx.server().snapshots().save();
        } catch (IllegalStateException busy) {
            throw new CommandError("ERR Background save already in progress");
        } catch (StorageException e) {
            throw new CommandError("ERR " + e.getMessage());
        }
        ctx.reply().ok();
    }

    /** BGSAVE [SCHEDULE]: a snapshot on the background thread. */
    static void bgsave(CommandContext ctx) {
        boolean schedule = false;
        if (ctx.argc() > 1) {
            if (ctx.argc() > 2 || !ctx.argIs(1, "schedule")) {
                throw Errors.syntax();
            }
            schedule = true;
        }
        try {
            boolean started = ctx.server().snapshots().saveInBackground(schedule);
            ctx.reply().simple(started ? "Background saving started" : "Background saving scheduled");
        } catch (IllegalStateException busy) {
            throw new CommandError("ERR Background save already in progress");
        }
    }
}
