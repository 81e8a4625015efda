package io.diskdb.command;

import io.diskdb.protocol.ReplyWriter;

/**
 * The reply of "X HELP" as Redis builds it (addReplyHelp): a header naming the command, the
 * command's own lines, and the closing HELP entry, each line a simple string.
 */
public final class HelpReply {
    private HelpReply() {
    }

    public static void write(ReplyWriter reply, String command, String... lines) {
        reply.arrayHeader(lines.length + 3);
        reply.simple(command.toUpperCase() + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String line : lines) {
            reply.simple(line);
        }
        reply.simple("HELP");
        reply.simple("    Prints this help.");
    }
}
