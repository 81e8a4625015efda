package io.diskdb.cli;

import java.util.List;

/**
 * HELP, answered by the CLI from the server's COMMAND DOCS as redis-cli answers it: "HELP SET"
 * shows the syntax, summary, since and group; "HELP CONFIG" every CONFIG subcommand;
 * "HELP @list" the commands of a group; "HELP" alone how to use it. With {@code color} the name,
 * syntax and labels are styled as in redis-cli.
 */
public final class HelpText {
    private static final String BOLD = "\u001b[1m";
    private static final String GREY = "\u001b[90m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private HelpText() {
    }

    /** {@code words} are the arguments after HELP. */
    public static String render(CommandDocs docs, List<String> words, boolean color) {
        if (words.isEmpty()) {
            return general();
        }
        StringBuilder out = new StringBuilder();
        if (words.get(0).startsWith("@")) {
            for (CommandDocs.Entry entry : docs.inGroup(words.get(0).substring(1))) {
                entry(out, entry, false, color);
            }
        } else {
            for (CommandDocs.Entry entry : docs.matching(words)) {
                entry(out, entry, true, color);
            }
        }
        return out.append('\n').toString();
    }

    private static void entry(StringBuilder out, CommandDocs.Entry entry, boolean withGroup, boolean color) {
        out.append('\n').append("  ").append(style(BOLD, entry.name(), color));
        out.append(' ').append(style(GREY, entry.params(), color)).append('\n');
        out.append("  ").append(style(YELLOW, "summary:", color)).append(' ').append(entry.summary()).append('\n');
        out.append("  ").append(style(YELLOW, "since:", color)).append(' ').append(entry.since()).append('\n');
        if (withGroup) {
            out.append("  ").append(style(YELLOW, "group:", color)).append(' ').append(entry.group()).append('\n');
        }
    }

    private static String style(String code, String text, boolean color) {
        return color ? code + text + RESET : text;
    }

    private static String general() {
        return """
                diskdb-cli
                To get help about commands type:
                      "help @<group>" to get a list of commands in <group>
                      "help <command>" for help on <command>
                      "help <tab>" to get a list of possible help topics
                      "quit" to exit
                """;
    }
}
