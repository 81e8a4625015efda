package io.diskdb.command;

import io.diskdb.protocol.ReplyWriter;
import io.diskdb.util.Glob;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * COMMAND and its subcommands: what the server supports, read from the command table.
 * redis-cli (for hints) and cluster clients (for key positions) call these at connect time.
 *
 * <p>Only registered commands are described, and COMMAND GETKEYS finds keys with the same
 * {@link CommandSpec#keys} the dispatcher locks with, so what clients are told is what runs.
 */
public final class IntrospectionCommands {
    private static final String[] HELP = {
            "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "(no subcommand)",
            "    Return details about all Redis commands.",
            "COUNT",
            "    Return the total number of commands in this Redis server.",
            "LIST",
            "    Return a list of all commands in this Redis server.",
            "INFO [<command-name> ...]",
            "    Return details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "DOCS [<command-name> ...]",
            "    Return documentation details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "GETKEYS <full-command>",
            "    Return the keys from a full Redis command.",
            "GETKEYSANDFLAGS <full-command>",
            "    Return the keys and the access flags from a full Redis command.",
            "HELP",
            "    Prints this help.",
    };

    private IntrospectionCommands() {
    }

    public static void register(CommandTable table) {
        IntrospectionReplies replies = new IntrospectionReplies(table);
        // The container first: COMMAND without a subcommand lists everything.
        table.register("command", ctx -> infoAll(ctx, replies));
        table.register("command|count", ctx -> ctx.reply().integer(table.topLevel().size()));
        table.register("command|info", ctx -> info(ctx, replies));
        table.register("command|docs", ctx -> docs(ctx, replies));
        table.register("command|getkeys", ctx -> getKeys(ctx, false));
        table.register("command|getkeysandflags", ctx -> getKeys(ctx, true));
        table.register("command|list", IntrospectionCommands::list);
        table.register("command|help", IntrospectionCommands::help);
    }

    private static CommandTable table(CommandContext ctx) {
        return ctx.server().commands();
    }

    private static void infoAll(CommandContext ctx, IntrospectionReplies replies) {
        Collection<Command> commands = table(ctx).topLevel();
        ctx.reply().arrayHeader(commands.size());
        commands.forEach(command -> replies.info(ctx.reply(), command.spec()));
    }

    /** COMMAND INFO [name ...]: one entry per name, nil for names DiskDB does not support. */
    private static void info(CommandContext ctx, IntrospectionReplies replies) {
        if (ctx.argc() == 2) {
            infoAll(ctx, replies);
            return;
        }
        ReplyWriter reply = ctx.reply();
        reply.arrayHeader(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            Command command = lookupByFullName(table(ctx), ctx.arg(i));
            if (command == null) {
                reply.nullBulk();
            } else {
                replies.info(reply, command.spec());
            }
        }
    }

    /** COMMAND DOCS [name ...]: a map of name to docs; unknown names are left out. */
    private static void docs(CommandContext ctx, IntrospectionReplies replies) {
        List<Command> commands = new ArrayList<>();
        if (ctx.argc() == 2) {
            commands.addAll(table(ctx).topLevel());
        } else {
            for (int i = 2; i < ctx.argc(); i++) {
                Command command = lookupByFullName(table(ctx), ctx.arg(i));
                if (command != null) {
                    commands.add(command);
                }
            }
        }
        ReplyWriter reply = ctx.reply();
        reply.mapHeader(commands.size());
        for (Command command : commands) {
            reply.bulk(command.spec().name());
            replies.docs(reply, command.spec());
        }
    }

    /** COMMAND GETKEYS / GETKEYSANDFLAGS cmd arg...: Redis's checks, in Redis's order. */
    private static void getKeys(CommandContext ctx, boolean withFlags) {
        byte[][] call = Arrays.copyOfRange(ctx.args(), 2, ctx.argc());
        Command command = lookupByArguments(table(ctx), call);
        if (command == null) {
            throw new CommandError("ERR Invalid command specified");
        }
        CommandSpec spec = command.spec();
        if (!spec.hasKeys()) {
            throw new CommandError("ERR The command has no key arguments");
        }
        if ((spec.arity() > 0 && spec.arity() != call.length) || call.length < -spec.arity()) {
            throw new CommandError("ERR Invalid number of arguments specified for command");
        }
        KeySpecResult keys = spec.keys(call);
        ReplyWriter reply = ctx.reply();
        if (keys.isEmpty() && !spec.hasFlag("no_mandatory_keys")) {
            throw new CommandError("ERR Invalid arguments specified for command");
        }
        reply.arrayHeader(keys.count());
        for (int i = 0; i < keys.count(); i++) {
            if (withFlags) {
                reply.arrayHeader(2);
                reply.bulk(call[keys.position(i)]);
                List<String> flags = keys.flags(i);
                reply.setHeader(flags.size());
                flags.forEach(reply::simple);
            } else {
                reply.bulk(call[keys.position(i)]);
            }
        }
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN glob]. */
    private static void list(CommandContext ctx) {
        Predicate<CommandSpec> filter = ctx.argc() == 2 ? spec -> true : listFilter(ctx);
        List<String> names = new ArrayList<>();
        CommandTable table = table(ctx);
        for (Command command : table.topLevel()) {
            addIfMatches(names, command.spec(), filter);
            if (!command.spec().subcommands().isEmpty()) {
                table.subcommandsOf(command.spec().name()).forEach(sub -> addIfMatches(names, sub.spec(), filter));
            }
        }
        ctx.reply().arrayHeader(names.size());
        names.forEach(ctx.reply()::bulk);
    }

    /** The one FILTERBY clause Redis accepts: it must be followed by exactly a type and a value. */
    private static Predicate<CommandSpec> listFilter(CommandContext ctx) {
        if (ctx.argc() != 5 || !ctx.argIs(2, "filterby")) {
            throw Errors.syntax();
        }
        if (ctx.argIs(3, "module")) {
            return spec -> false; // DiskDB loads no modules
        } else if (ctx.argIs(3, "aclcat")) {
            String category = "@" + ctx.argString(4);
            return spec -> spec.aclCategories().stream().anyMatch(category::equalsIgnoreCase);
        } else if (ctx.argIs(3, "pattern")) {
            byte[] pattern = ctx.arg(4);
            return spec -> Glob.matches(pattern, spec.name().getBytes(StandardCharsets.UTF_8), true);
        }
        throw Errors.syntax();
    }

    private static void addIfMatches(List<String> names, CommandSpec spec, Predicate<CommandSpec> filter) {
        if (filter.test(spec)) {
            names.add(spec.name());
        }
    }

    private static void help(CommandContext ctx) {
        ctx.reply().arrayHeader(HELP.length);
        for (String line : HELP) {
            ctx.reply().simple(line);
        }
    }

    /** Redis's lookupCommandBySds: "get" or "config|get", case-insensitive, one level deep. */
    static Command lookupByFullName(CommandTable table, byte[] fullName) {
        String name = Keywords.lower(fullName);
        int bar = name.indexOf('|');
        if (bar < 0) {
            return topLevel(table, name);
        }
        if (name.indexOf('|', bar + 1) >= 0) {
            return null;
        }
        Command container = topLevel(table, name.substring(0, bar));
        return container == null || container.spec().subcommands().isEmpty() ? null : table.lookup(name);
    }

    /** Redis's lookupCommand on a full call: the subcommand when the command has subcommands. */
    static Command lookupByArguments(CommandTable table, byte[][] call) {
        Command command = topLevel(table, Keywords.lower(call[0]));
        if (command == null || call.length == 1 || command.spec().subcommands().isEmpty()) {
            return command;
        }
        return table.lookup(command.spec().name() + "|" + Keywords.lower(call[1]));
    }

    private static Command topLevel(CommandTable table, String name) {
        Command command = table.lookup(name);
        return command == null || name.indexOf('|') >= 0 ? null : command;
    }
}
