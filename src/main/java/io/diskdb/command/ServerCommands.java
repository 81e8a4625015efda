package io.diskdb.command;

import io.diskdb.server.DiskDbServer;
import io.diskdb.server.InfoSections;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** INFO, TIME, LASTSAVE, SHUTDOWN: the commands about the server as a whole. */
public final class ServerCommands {
    private ServerCommands() {
    }

    public static void register(CommandTable table, DiskDbServer server) {
        InfoSections info = new InfoSections(server);
        table.register("info", ctx -> info(ctx, info));
        table.register("time", ServerCommands::time);
        table.register("lastsave", ctx -> ctx.reply().integer(ctx.server().lastSaveMillis() / 1000));
        table.register("shutdown", ServerCommands::shutdown);
    }

    /** INFO [section ...]: text, sent as a verbatim string to RESP3 clients as Redis does. */
    static void info(CommandContext ctx, InfoSections info) {
        List<String> sections = new ArrayList<>();
        for (int i = 1; i < ctx.argc(); i++) {
            sections.add(ctx.argString(i));
        }
        ctx.reply().verbatim("txt", info.render(sections));
    }

    /** TIME: unix seconds and the microseconds within that second, both as bulk strings. */
    static void time(CommandContext ctx) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        ctx.reply().arrayHeader(2);
        ctx.reply().bulkDecimal(micros / 1_000_000);
        ctx.reply().bulkDecimal(micros % 1_000_000);
    }

    /**
     * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: every write is already durable, so SAVE and
     * NOSAVE mean the same. On success nothing is replied: the connection just closes, as with
     * Redis. The server is closed from a thread of its own because closing waits for the event
     * loops, one of which is running this command.
     */
    static void shutdown(CommandContext ctx) {
        boolean save = false;
        boolean nosave = false;
        boolean flags = false;
        boolean abort = false;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "nosave")) {
                nosave = flags = true;
            } else if (ctx.argIs(i, "save")) {
                save = flags = true;
            } else if (ctx.argIs(i, "now") || ctx.argIs(i, "force")) {
                flags = true;
            } else if (ctx.argIs(i, "abort")) {
                abort = true;
            } else {
                throw Errors.syntax();
            }
        }
        if ((abort && flags) || (save && nosave)) {
            throw Errors.syntax();
        }
        if (abort) {
            throw new CommandError("ERR No shutdown in progress.");
        }
        ctx.session().closeAfterReply();
        Thread closer = new Thread(ctx.server()::close, "shutdown");
        closer.start();
    }
}
