package io.diskdb.command;

import io.diskdb.server.ClientSession;
import io.diskdb.server.DiskDbServer;
import io.diskdb.transaction.WatchRegistry;

/**
 * RESET: puts the connection back in the state of a new one, as Redis's
 * clearClientConnectionState: MULTI discarded and keys unwatched, every subscription dropped
 * (without confirmations), database 0, RESP2, no name, CLIENT REPLY ON, and the default user
 * with its password required again when the server has one. The library name stays, as in Redis.
 */
final class ResetCommand {
    private ResetCommand() {
    }

    static void register(CommandTable table, DiskDbServer server) {
        WatchRegistry watches = TransactionCommands.watches(table);
        table.register("reset", ctx -> reset(ctx, server, watches));
    }

    private static void reset(CommandContext ctx, DiskDbServer server, WatchRegistry watches) {
        ClientSession session = ctx.session();
        TransactionCommands.discardTransaction(session, watches);
        server.pubsub().unsubscribeAll(session);
        session.select(0);
        session.protocol(2);
        session.resetIdentity(server.requiresPassword());
        session.repliesOn();
        ctx.reply().simple("RESET");
    }
}
