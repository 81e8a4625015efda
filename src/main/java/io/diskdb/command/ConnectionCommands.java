package io.diskdb.command;

import io.diskdb.server.DiskDbServer;

/** PING, ECHO, QUIT, SELECT, AUTH, HELLO: the commands about the connection itself. */
public final class ConnectionCommands {
    static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";

    private ConnectionCommands() {
    }

    public static void register(CommandTable table) {
        table.register("ping", ConnectionCommands::ping);
        table.register("echo", ctx -> ctx.reply().bulk(ctx.arg(1)));
        table.register("quit", ConnectionCommands::quit);
        table.register("select", ConnectionCommands::select);
        table.register("auth", ConnectionCommands::auth);
        table.register("hello", ConnectionCommands::hello);
    }

    static void ping(CommandContext ctx) {
        if (ctx.argc() > 2) {
            throw Errors.wrongArity("ping");
        }
        if (PubSubCommands.pingWhileSubscribed(ctx)) {
            return;
        }
        if (ctx.argc() == 2) {
            ctx.reply().bulk(ctx.arg(1));
        } else {
            ctx.reply().simple("PONG");
        }
    }

    static void quit(CommandContext ctx) {
        ctx.reply().ok();
        ctx.session().closeAfterReply();
    }

    static void select(CommandContext ctx) {
        long db = ctx.longArg(1);
        if (db < 0 || db >= ctx.server().keyspace().databases()) {
            throw new CommandError(Errors.DB_OUT_OF_RANGE);
        }
        ctx.session().select((int) db);
        ctx.reply().ok();
    }

    /** AUTH [username] password: one argument logs in as "default" (whose password requirepass sets). */
    static void auth(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw Errors.syntax();
        }
        String user = ctx.argc() == 3 ? ctx.argString(1) : "default";
        byte[] password = ctx.arg(ctx.argc() - 1);
        if (ctx.argc() == 2 && !ctx.server().requiresPassword()) {
            throw new CommandError("ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?");
        }
        authenticate(ctx, user, password);
        ctx.reply().ok();
    }

    /**
     * Logs the connection in as an ACL user; unknown, disabled and wrong password get the same
     * error, and go to the ACL log with the name tried.
     */
    private static void authenticate(CommandContext ctx, String user, byte[] password) {
        if (ctx.server().acl().authenticate(user, password) == null) {
            AclLogging.failedAuth(ctx, user);
            throw new CommandError(WRONGPASS);
        }
        ctx.session().authenticated(user);
    }

    /** HELLO [protover [AUTH username password] [SETNAME clientname]] */
    static void hello(CommandContext ctx) {
        int protocol = ctx.session().protocol();
        int i = 1;
        if (ctx.argc() >= 2) {
            Long requested = Numbers.parseLong(ctx.arg(1));
            if (requested == null) {
                throw new CommandError("ERR Protocol version is not an integer or out of range");
            }
            if (requested < 2 || requested > 3) {
                throw new CommandError("NOPROTO unsupported protocol version");
            }
            protocol = requested.intValue();
            i = 2;
        }
        String user = null;
        byte[] password = null;
        String name = null;
        for (; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "auth") && ctx.argc() - i - 1 >= 2) {
                user = ctx.argString(i + 1);
                password = ctx.arg(i + 2);
                i += 2;
            } else if (ctx.argIs(i, "setname") && ctx.argc() - i - 1 >= 1) {
                name = ctx.argString(i + 1);
                ClientCommandsSupport.validateName(name);
                i += 1;
            } else {
                throw new CommandError("ERR Syntax error in HELLO option '" + ctx.argString(i) + "'");
            }
        }
        if (user != null) {
            authenticate(ctx, user, password);
        }
        if (!ctx.session().authenticated()) {
            throw new CommandError("NOAUTH HELLO must be called with the client already authenticated, otherwise the "
                    + "HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select "
                    + "the RESP protocol version at the same time");
        }
        if (name != null) {
            ctx.session().name(name.isEmpty() ? null : name);
        }
        ctx.session().protocol(protocol);
        var reply = ctx.reply();
        reply.mapHeader(7);
        reply.bulk("server");
        reply.bulk("redis");
        reply.bulk("version");
        reply.bulk(DiskDbServer.REDIS_VERSION);
        reply.bulk("proto");
        reply.integer(protocol);
        reply.bulk("id");
        reply.integer(ctx.session().id());
        reply.bulk("mode");
        reply.bulk("standalone");
        reply.bulk("role");
        reply.bulk("master");
        reply.bulk("modules");
        reply.arrayHeader(0);
    }
}
