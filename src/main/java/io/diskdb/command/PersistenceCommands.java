package io.diskdb.command;

import io.diskdb.storage.Snapshots;
import io.diskdb.storage.StorageException;

/**
 * SAVE, BGSAVE: snapshots of the database (RocksDB checkpoints, see {@link Snapshots}). Every
 * acknowledged write is already durable in RocksDB; a snapshot is a point-in-time copy to go back
 * to with {@code diskdb --restore}. LASTSAVE (in {@link ServerCommands}) reports the last one.
 */
public final class PersistenceCommands {
    private PersistenceCommands() {
    }

    public static void register(CommandTable table) {
        table.register("save", PersistenceCommands::save);
        table.register("bgsave", PersistenceCommands::bgsave);
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
