package io.diskdb.command;

import io.diskdb.acl.AclLog;
import io.diskdb.acl.Permissions;
import io.diskdb.server.ClientSession;
import io.diskdb.server.DiskDbServer;

/**
 * Records a refusal in the server's ACL log with what Redis 7.0 records about it: whether it
 * happened inside MULTI/EXEC, the user, and the client as CLIENT LIST shows it at that moment.
 */
final class AclLogging {
    private AclLogging() {
    }

    /** A command the session's user may not run (command, key or channel). */
    static void refused(DiskDbServer server, ClientSession session, Permissions.Denial denial) {
        record(server, session, AclLog.Reason.of(denial.reason()), denial.object(), session.user());
    }

    /** AUTH or HELLO AUTH failed for {@code username}; Redis logs the command name as the client typed it. */
    static void failedAuth(CommandContext ctx, String username) {
        record(ctx.server(), ctx.session(), AclLog.Reason.AUTH, ctx.argString(0), username);
    }

    private static void record(DiskDbServer server, ClientSession session, AclLog.Reason reason, String object,
                               String username) {
        AclLog log = server.aclLog();
        AclLog.Context context = session.inTransaction() ? AclLog.Context.MULTI : AclLog.Context.TOPLEVEL;
        log.add(reason, context, object, username, ClientCommands.describe(session, log.now()));
    }
}
