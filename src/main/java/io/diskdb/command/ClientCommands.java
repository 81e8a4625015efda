package io.diskdb.command;

import io.diskdb.server.ClientPause;
import io.diskdb.server.ClientSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CLIENT ID, SETNAME, GETNAME, SETINFO, LIST, INFO, KILL, PAUSE, UNPAUSE, REPLY, NO-EVICT, HELP. */
public final class ClientCommands {
    private static final List<String> HELP = List.of(
            "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GETNAME",
            "    Return the name of the current connection.",
            "ID",
            "    Return the ID of the current connection.",
            "INFO",
            "    Return information about the current client connection.",
            "KILL <ip:port>",
            "    Kill connection made from <ip:port>.",
            "KILL <option> <value> [<option> <value> [...]]",
            "    Kill connections. Options are:",
            "    * ID <client-id>",
            "      Kill connections by client id.",
            "    * ADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made from the specified address",
            "    * LADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made to specified local address",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Kill connections by type.",
            "    * USER <username>",
            "      Kill connections authenticated by <username>.",
            "    * SKIPME (YES|NO)",
            "      Skip killing current connection (default: yes).",
            "LIST [options ...]",
            "    Return information about client connections. Options:",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Return clients of specified type.",
            "    * ID <client-id> [<client-id> ...]",
            "      Return clients of specified IDs only.",
            "UNPAUSE",
            "    Stop the current client pause, resuming traffic.",
            "PAUSE <timeout> [WRITE|ALL]",
            "    Suspend all, or just write, clients for <timeout> milliseconds.",
            "REPLY (ON|OFF|SKIP)",
            "    Control the replies sent to the current connection.",
            "SETNAME <name>",
            "    Assign the name <name> to the current connection.",
            "SETINFO <option> <value>",
            "    Set client meta attr. Options are:",
            "    * LIB-NAME: the client lib name.",
            "    * LIB-VER: the client lib version.",
            "NO-EVICT (ON|OFF)",
            "    Protect current client connection from eviction.",
            "HELP",
            "    Prints this help.");

    private ClientCommands() {
    }

    public static void register(CommandTable table) {
        table.register("client|id", ctx -> ctx.reply().integer(ctx.session().id()));
        table.register("client|setname", ClientCommands::setName);
        table.register("client|getname", ctx -> ctx.reply().bulk(ctx.session().name()));
        table.register("client|setinfo", ClientCommands::setInfo);
        table.register("client|list", ClientCommands::list);
        table.register("client|info", ctx -> ctx.reply().verbatim("txt", describe(ctx.session(), System.currentTimeMillis()) + "\n"));
        table.register("client|kill", ClientCommands::kill);
        table.register("client|pause", ClientCommands::pause);
        table.register("client|unpause", ctx -> {
            ctx.server().pause().unpause();
            ctx.reply().ok();
        });
        table.register("client|reply", ClientCommands::reply);
        table.register("client|no-evict", ClientCommands::noEvict);
        table.register("client|help", ClientCommands::help);
    }

    /** The kinds of client CLIENT LIST TYPE and CLIENT KILL TYPE select. */
    enum ClientType {
        NORMAL, MASTER, REPLICA, PUBSUB;

        static ClientType parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "normal" -> NORMAL;
                case "master" -> MASTER;
                case "slave", "replica" -> REPLICA;
                case "pubsub" -> PUBSUB;
                default -> throw new CommandError("ERR Unknown client type '" + name + "'");
            };
        }

        /** Without replication and pub/sub every connection is a normal client. */
        static ClientType of(ClientSession session) {
            return NORMAL;
        }
    }

    /** CLIENT SETNAME name: an empty name removes the name. */
    static void setName(CommandContext ctx) {
        String name = ctx.argString(2);
        ClientCommandsSupport.validateName(name);
        ctx.session().name(name.isEmpty() ? null : name);
        ctx.reply().ok();
    }

    /** CLIENT SETINFO LIB-NAME|LIB-VER value (Redis 7.2; client libraries send it when they connect). */
    static void setInfo(CommandContext ctx) {
        String attribute = ctx.argString(2);
        String value = ctx.argString(3);
        boolean libName = ctx.argIs(2, "lib-name");
        if (!libName && !ctx.argIs(2, "lib-ver")) {
            throw new CommandError("ERR Unrecognized option '" + attribute + "'");
        }
        ClientCommandsSupport.validateLibAttribute(attribute, value);
        String stored = value.isEmpty() ? null : value;
        if (libName) {
            ctx.session().libName(stored);
        } else {
            ctx.session().libVersion(stored);
        }
        ctx.reply().ok();
    }

    /** CLIENT LIST [TYPE type | ID id [id ...]]: one line per client, "\n"-terminated. */
    static void list(CommandContext ctx) {
        List<ClientSession> selected = new ArrayList<>();
        if (ctx.argc() == 2) {
            selected.addAll(ctx.server().clients().all());
        } else if (ctx.argc() == 4 && ctx.argIs(2, "type")) {
            ClientType type = ClientType.parse(ctx.argString(3));
            for (ClientSession client : ctx.server().clients().all()) {
                if (ClientType.of(client) == type) {
                    selected.add(client);
                }
            }
        } else if (ctx.argc() > 3 && ctx.argIs(2, "id")) {
            // every id is checked before any is looked up, so a bad id anywhere is an error
            long[] ids = new long[ctx.argc() - 3];
            for (int i = 3; i < ctx.argc(); i++) {
                Long id = Numbers.parseLong(ctx.arg(i));
                if (id == null) {
                    throw new CommandError("ERR Invalid client ID");
                }
                ids[i - 3] = id;
            }
            for (long id : ids) {
                ClientSession client = ctx.server().clients().get(id);
                if (client != null) {
                    selected.add(client);
                }
            }
        } else {
            throw Errors.syntax();
        }
        long now = System.currentTimeMillis();
        StringBuilder text = new StringBuilder(selected.size() * 300);
        for (ClientSession client : selected) {
            text.append(describe(client, now)).append('\n');
        }
        ctx.reply().verbatim("txt", text.toString());
    }

    /**
     * One client as CLIENT LIST and CLIENT INFO show it: Redis 7.0's fields in Redis's order, then
     * Redis 7.2's lib-name and lib-ver (CLIENT SETINFO is supported). Buffer and memory figures
     * DiskDB does not track read 0, as they do for an idle Redis client.
     */
    static String describe(ClientSession client, long now) {
        return "id=" + client.id()
                + " addr=" + client.remoteAddress()
                + " laddr=" + client.localAddress()
                + " fd=" + client.fd()
                + " name=" + orEmpty(client.name())
                + " age=" + (now - client.createdAtMillis()) / 1000
                + " idle=" + Math.max(0, now - client.lastInteractionMillis()) / 1000
                + " flags=" + flags(client)
                + " db=" + client.db()
                + " sub=0 psub=0 ssub=0 multi=" + (client.inTransaction() ? client.multi().size() : -1)
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0"
                + " events=r"
                + " cmd=" + client.lastCommand()
                + " user=" + client.user()
                + " redir=-1"
                + " resp=" + client.protocol()
                + " lib-name=" + orEmpty(client.libName())
                + " lib-ver=" + orEmpty(client.libVersion());
    }

    /** Redis's flag letters, in Redis's order: x in MULTI, b blocked (or held by CLIENT PAUSE), N none. */
    private static String flags(ClientSession client) {
        String flags = (client.inTransaction() ? "x" : "") + (client.blocked() || client.postponed() ? "b" : "");
        return flags.isEmpty() ? "N" : flags;
    }

    /**
     * CLIENT PAUSE timeout [WRITE|ALL]: ALL (the default) holds back every command of every
     * client, WRITE only those that write; see {@link io.diskdb.server.ClientPause}.
     */
    static void pause(CommandContext ctx) {
        if (ctx.argc() > 4) {
            throw Errors.subcommandSyntax(ctx);
        }
        ClientPause.Mode mode = ClientPause.Mode.ALL;
        if (ctx.argc() == 4) {
            if (ctx.argIs(3, "write")) {
                mode = ClientPause.Mode.WRITE;
            } else if (!ctx.argIs(3, "all")) {
                throw new CommandError("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        }
        Long millis = Numbers.parseLong(ctx.arg(2));
        if (millis == null) {
            throw new CommandError("ERR timeout is not an integer or out of range");
        }
        if (millis < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        long now = System.currentTimeMillis();
        long until = millis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + millis;
        ctx.server().pause().pause(mode, until, ctx.session().channel().eventLoop());
        ctx.reply().ok();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /**
     * CLIENT KILL addr:port (replies +OK or "No such client") or CLIENT KILL with filters
     * (replies the number killed). The calling client, when killed, gets its reply first.
     */
    static void kill(CommandContext ctx) {
        if (ctx.argc() == 3) {
            String addr = ctx.argString(2);
            for (ClientSession client : ctx.server().clients().all()) {
                if (client.remoteAddress().equals(addr)) {
                    close(ctx, client);
                    ctx.reply().ok();
                    return;
                }
            }
            throw new CommandError("ERR No such client");
        }
        KillFilter filter = KillFilter.parse(ctx);
        int killed = 0;
        for (ClientSession client : List.copyOf(ctx.server().clients().all())) {
            if (filter.matches(client) && !(filter.skipMe && client == ctx.session())) {
                close(ctx, client);
                killed++;
            }
        }
        ctx.reply().integer(killed);
    }

    private static void close(CommandContext ctx, ClientSession client) {
        if (client == ctx.session()) {
            client.closeAfterReply();
        } else {
            ctx.server().clients().kill(client);
        }
    }

    /** The conditions of CLIENT KILL's filter form; all given ones must hold. */
    private static final class KillFilter {
        Long id;
        ClientType type;
        String addr;
        String laddr;
        String user;
        boolean skipMe = true;

        static KillFilter parse(CommandContext ctx) {
            KillFilter filter = new KillFilter();
            for (int i = 2; i < ctx.argc(); i += 2) {
                if (i + 1 >= ctx.argc()) {
                    throw Errors.syntax();
                }
                String value = ctx.argString(i + 1);
                if (ctx.argIs(i, "id")) {
                    Long id = Numbers.parseLong(ctx.arg(i + 1));
                    if (id == null || id < 1) {
                        throw new CommandError("ERR client-id should be greater than 0");
                    }
                    filter.id = id;
                } else if (ctx.argIs(i, "type")) {
                    filter.type = ClientType.parse(value);
                } else if (ctx.argIs(i, "addr")) {
                    filter.addr = value;
                } else if (ctx.argIs(i, "laddr")) {
                    filter.laddr = value;
                } else if (ctx.argIs(i, "user")) {
                    if (ctx.server().acl().user(value) == null) {
                        throw new CommandError("ERR No such user '" + value + "'");
                    }
                    filter.user = value;
                } else if (ctx.argIs(i, "skipme")) {
                    if (ctx.argIs(i + 1, "yes")) {
                        filter.skipMe = true;
                    } else if (ctx.argIs(i + 1, "no")) {
                        filter.skipMe = false;
                    } else {
                        throw Errors.syntax();
                    }
                } else {
                    throw Errors.syntax();
                }
            }
            return filter;
        }

        boolean matches(ClientSession client) {
            return (id == null || client.id() == id)
                    && (type == null || ClientType.of(client) == type)
                    && (addr == null || client.remoteAddress().equals(addr))
                    && (laddr == null || client.localAddress().equals(laddr))
                    && (user == null || client.user().equals(user));
        }
    }

    /** CLIENT REPLY ON|OFF|SKIP: only ON is answered; the connection handler drops the rest. */
    static void reply(CommandContext ctx) {
        if (ctx.argIs(2, "on")) {
            ctx.session().repliesOn();
            ctx.reply().ok();
        } else if (ctx.argIs(2, "off")) {
            ctx.session().repliesOff();
        } else if (ctx.argIs(2, "skip")) {
            ctx.session().skipNextReply();
        } else {
            throw Errors.syntax();
        }
    }

    /** CLIENT NO-EVICT ON|OFF: accepted; DiskDB never evicts clients for memory. */
    static void noEvict(CommandContext ctx) {
        if (!ctx.argIs(2, "on") && !ctx.argIs(2, "off")) {
            throw Errors.syntax();
        }
        ctx.reply().ok();
    }

    static void help(CommandContext ctx) {
        ctx.reply().arrayHeader(HELP.size());
        for (String line : HELP) {
            ctx.reply().simple(line);
        }
    }
}
