package io.diskdb.command;

import io.diskdb.config.ConfigCommandException;
import io.diskdb.config.RuntimeConfig;

import java.util.List;
import java.util.Map;

/** CONFIG GET / SET / RESETSTAT / REWRITE / HELP over the server's {@link RuntimeConfig}. */
public final class ConfigCommands {
    private ConfigCommands() {
    }

    public static void register(CommandTable table) {
        table.register("config|get", ConfigCommands::get);
        table.register("config|set", ConfigCommands::set);
        table.register("config|resetstat", ConfigCommands::resetStat);
        table.register("config|rewrite", ConfigCommands::rewrite);
        table.register("config|help", ctx -> HelpReply.write(ctx.reply(), "config",
                "GET <pattern>",
                "    Return parameters matching the glob-like <pattern> and their values.",
                "SET <directive> <value>",
                "    Set the configuration <directive> to <value>.",
                "RESETSTAT",
                "    Reset statistics reported by the INFO command.",
                "REWRITE",
                "    Rewrite the configuration file."));
    }

    static void get(CommandContext ctx) {
        String[] patterns = new String[ctx.argc() - 2];
        for (int i = 2; i < ctx.argc(); i++) {
            patterns[i - 2] = ctx.argString(i);
        }
        List<Map.Entry<String, String>> found = config(ctx).get(patterns);
        ctx.reply().mapHeader(found.size());
        for (Map.Entry<String, String> entry : found) {
            ctx.reply().bulk(entry.getKey());
            ctx.reply().bulk(entry.getValue());
        }
    }

    static void set(CommandContext ctx) {
        if (ctx.argc() % 2 != 0) {
            throw Errors.syntax();
        }
        String[] pairs = new String[ctx.argc() - 2];
        for (int i = 2; i < ctx.argc(); i++) {
            pairs[i - 2] = ctx.argString(i);
        }
        try {
            config(ctx).set(pairs);
        } catch (ConfigCommandException e) {
            throw new CommandError(e.getMessage());
        }
        ctx.reply().ok();
    }

    static void resetStat(CommandContext ctx) {
        ctx.server().stats().reset();
        ctx.reply().ok();
    }

    static void rewrite(CommandContext ctx) {
        try {
            config(ctx).rewrite();
        } catch (ConfigCommandException e) {
            throw new CommandError(e.getMessage());
        }
        ctx.reply().ok();
    }

    private static RuntimeConfig config(CommandContext ctx) {
        return ctx.server().config();
    }
}
