package io.diskdb.command;

import io.diskdb.acl.AclFile;
import io.diskdb.acl.AclLog;
import io.diskdb.acl.AclRegistry;
import io.diskdb.acl.AclRuleException;
import io.diskdb.acl.AclText;
import io.diskdb.acl.AclUser;
import io.diskdb.acl.CommandIndex;
import io.diskdb.acl.Permissions;
import io.diskdb.protocol.ReplyWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * ACL SETUSER, GETUSER, DELUSER, LIST, USERS, WHOAMI, CAT, DRYRUN, GENPASS, LOG, SAVE, LOAD, HELP,
 * with Redis 7.0's replies. The users themselves live in {@link AclRegistry}; every change is
 * written to the ACL file before it is acknowledged.
 */
public final class AclCommands {
    private static final Logger log = LoggerFactory.getLogger(AclCommands.class);
    private static final String SAVE_FAILED = "ERR There was an error trying to save the ACLs. "
            + "Please check the server logs for more information";

    private AclCommands() {
    }

    public static void register(CommandTable table) {
        table.register("acl|setuser", AclCommands::setUser);
        table.register("acl|getuser", AclCommands::getUser);
        table.register("acl|deluser", AclCommands::delUser);
        table.register("acl|list", AclCommands::list);
        table.register("acl|users", AclCommands::users);
        table.register("acl|whoami", ctx -> ctx.reply().bulk(ctx.session().user()));
        table.register("acl|cat", AclCommands::cat);
        table.register("acl|dryrun", AclCommands::dryRun);
        table.register("acl|genpass", AclCommands::genPass);
        table.register("acl|log", AclCommands::log);
        table.register("acl|save", AclCommands::save);
        table.register("acl|load", AclCommands::load);
        table.register("acl|help", AclCommands::help);
    }

    private static AclRegistry acl(CommandContext ctx) {
        return ctx.server().acl();
    }

    /** ACL SETUSER username [rule ...]: all rules apply or none. */
    static void setUser(CommandContext ctx) {
        String name = ctx.argString(2);
        if (AclText.hasSpaces(name)) {
            throw new CommandError("ERR Usernames can't contain spaces or null characters");
        }
        List<String> rules = new ArrayList<>();
        for (int i = 3; i < ctx.argc(); i++) {
            rules.add(ctx.argString(i));
        }
        try {
            acl(ctx).setUser(name, rules);
        } catch (AclRuleException e) {
            throw new CommandError(e.redisError());
        } catch (IOException e) {
            throw saveFailed(e);
        }
        ctx.reply().ok();
    }

    /** ACL GETUSER username: Redis 7.0's map of flags, passwords, commands, keys, channels, selectors. */
    static void getUser(CommandContext ctx) {
        AclUser user = acl(ctx).user(ctx.argString(2));
        ReplyWriter reply = ctx.reply();
        if (user == null) {
            reply.nullBulk();
            return;
        }
        reply.mapHeader(6);
        reply.bulk("flags");
        List<String> flags = user.flags();
        reply.setHeader(flags.size());
        flags.forEach(reply::bulk);
        reply.bulk("passwords");
        reply.arrayHeader(user.passwords().size());
        user.passwords().forEach(reply::bulk);
        reply.bulk("commands");
        reply.bulk(user.commandsDescription());
        reply.bulk("keys");
        reply.bulk(user.keysDescription());
        reply.bulk("channels");
        reply.bulk(user.channelsDescription());
        reply.bulk("selectors");
        reply.arrayHeader(0);
    }

    /** ACL DELUSER username [username ...]: the number deleted; clients logged in as them are closed. */
    static void delUser(CommandContext ctx) {
        List<String> names = new ArrayList<>();
        for (int i = 2; i < ctx.argc(); i++) {
            String name = ctx.argString(i);
            if (name.equals(AclRegistry.DEFAULT_USER)) {
                throw new CommandError("ERR The 'default' user cannot be removed");
            }
            names.add(name);
        }
        try {
            ctx.reply().integer(acl(ctx).deleteUsers(names));
        } catch (IOException e) {
            throw saveFailed(e);
        }
    }

    static void list(CommandContext ctx) {
        List<AclUser> users = List.copyOf(acl(ctx).all());
        ctx.reply().arrayHeader(users.size());
        users.forEach(user -> ctx.reply().bulk(user.describe()));
    }

    static void users(CommandContext ctx) {
        List<AclUser> users = List.copyOf(acl(ctx).all());
        ctx.reply().arrayHeader(users.size());
        users.forEach(user -> ctx.reply().bulk(user.name()));
    }

    /** ACL CAT [category]: the categories, or the commands of one. */
    static void cat(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw Errors.subcommandSyntax(ctx);
        }
        CommandIndex index = acl(ctx).index();
        List<String> names;
        if (ctx.argc() == 2) {
            names = CommandIndex.CATEGORIES;
        } else {
            String category = ctx.argString(2).toLowerCase(Locale.ROOT);
            if (!index.isCategory(category)) {
                throw new CommandError("ERR Unknown category '" + ctx.argString(2) + "'");
            }
            names = index.category(category);
        }
        ctx.reply().arrayHeader(names.size());
        names.forEach(ctx.reply()::bulk);
    }

    /** ACL DRYRUN username command [arg ...]: OK, or why the user could not run it. */
    static void dryRun(CommandContext ctx) {
        String userName = ctx.argString(2);
        AclUser user = acl(ctx).user(userName);
        if (user == null) {
            throw new CommandError("ERR User '" + userName + "' not found");
        }
        byte[][] call = Arrays.copyOfRange(ctx.args(), 3, ctx.argc());
        CommandSpec spec = resolve(acl(ctx).index(), call);
        if (!spec.arityMatches(call.length)) {
            throw Errors.wrongArity(spec.name());
        }
        Permissions.Denial denial = Permissions.check(user, spec, call);
        if (denial == null) {
            ctx.reply().ok();
        } else {
            ctx.reply().bulk(denial.dryRun());
        }
    }

    /** The (sub)command DRYRUN asks about; an unknown subcommand makes the container "not found", as in Redis. */
    private static CommandSpec resolve(CommandIndex index, byte[][] call) {
        String name = Keywords.lower(call[0]);
        CommandSpec spec = index.command(name);
        if (spec == null || name.indexOf('|') >= 0) {
            throw commandNotFound(call[0]);
        }
        if (!spec.subcommands().isEmpty() && call.length >= 2) {
            CommandSpec sub = index.command(name + "|" + Keywords.lower(call[1]));
            if (sub == null) {
                throw commandNotFound(call[0]);
            }
            return sub;
        }
        return spec;
    }

    private static CommandError commandNotFound(byte[] name) {
        return new CommandError("ERR Command '" + new String(name, StandardCharsets.UTF_8) + "' not found");
    }

    /** ACL GENPASS [bits]: 256 random bits by default, as hex. */
    static void genPass(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw Errors.subcommandSyntax(ctx);
        }
        long bits = 256;
        if (ctx.argc() == 3) {
            long requested = ctx.longArg(2);
            if (requested <= 0 || requested > 4096) {
                throw new CommandError("ERR ACL GENPASS argument must be the number of bits for the output "
                        + "password, a positive number up to 4096");
            }
            bits = requested;
        }
        ctx.reply().bulk(AclRegistry.generatePassword((int) bits));
    }

    /** ACL LOG [count | RESET]: the newest entries (10 unless asked; a negative count is 0), or clears the log. */
    static void log(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw Errors.subcommandSyntax(ctx);
        }
        AclLog log = ctx.server().aclLog();
        long count = 10;
        if (ctx.argc() == 3) {
            if (ctx.argIs(2, "reset")) {
                log.reset();
                ctx.reply().ok();
                return;
            }
            count = ctx.longArg(2);
        }
        List<AclLog.Entry> entries = log.newest(count);
        long now = log.now();
        ctx.reply().arrayHeader(entries.size());
        entries.forEach(entry -> writeLogEntry(ctx.reply(), entry, now));
    }

    /** One entry as Redis 7.0 writes it: a map of seven fields in this order. */
    private static void writeLogEntry(ReplyWriter reply, AclLog.Entry entry, long now) {
        reply.mapHeader(7);
        reply.bulk("count");
        reply.integer(entry.count());
        reply.bulk("reason");
        reply.bulk(entry.reason().word());
        reply.bulk("context");
        reply.bulk(entry.context().word());
        reply.bulk("object");
        reply.bulk(entry.object());
        reply.bulk("username");
        reply.bulk(entry.username());
        reply.bulk("age-seconds");
        reply.doubleValue((now - entry.updatedAtMillis()) / 1000.0);
        reply.bulk("client-info");
        reply.bulk(entry.clientInfo());
    }

    static void save(CommandContext ctx) {
        try {
            acl(ctx).save();
        } catch (IOException e) {
            throw saveFailed(e);
        }
        ctx.reply().ok();
    }

    /** ACL LOAD: the ACL file replaces every user, or nothing changes. */
    static void load(CommandContext ctx) {
        AclRegistry acl = acl(ctx);
        try {
            acl.load();
        } catch (AclFile.AclFileException e) {
            throw new CommandError("ERR " + e.getMessage()
                    + "WARNING: ACL errors detected, no change to the previously active ACL rules was performed");
        } catch (NoSuchFileException e) {
            throw new CommandError("ERR Error loading ACLs, opening file '" + acl.file().path()
                    + "': No such file or directory");
        } catch (IOException e) {
            throw new CommandError("ERR Error loading ACLs, opening file '" + acl.file().path() + "': " + e.getMessage());
        }
        ctx.reply().ok();
    }

    private static CommandError saveFailed(IOException e) {
        log.error("cannot write the ACL file: {}", e.toString());
        return new CommandError(SAVE_FAILED);
    }

    static void help(CommandContext ctx) {
        HelpReply.write(ctx.reply(), "acl",
                "CAT [<category>]",
                "    List all commands that belong to <category>, or all command categories",
                "    when no category is specified.",
                "DELUSER <username> [<username> ...]",
                "    Delete a list of users.",
                "DRYRUN <username> <command> [<arg> ...]",
                "    Returns whether the user can execute the given command without executing the command.",
                "GETUSER <username>",
                "    Get the user's details.",
                "GENPASS [<bits>]",
                "    Generate a secure 256-bit user password. The optional `bits` argument can",
                "    be used to specify a different size.",
                "LIST",
                "    Show users details in config file format.",
                "LOAD",
                "    Reload users from the ACL file.",
                "LOG [<count> | RESET]",
                "    Show the ACL log entries.",
                "SAVE",
                "    Save the current config to the ACL file.",
                "SETUSER <username> <attribute> [<attribute> ...]",
                "    Create or modify a user with the specified attributes.",
                "USERS",
                "    List all the registered usernames.",
                "WHOAMI",
                "    Return the current connection username.");
    }
}
