package io.diskdb.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a command's COMMAND DOCS arguments as the one-line syntax redis-cli 7.0's help shows
 * ("key value [NX|XX] [GET] [EX seconds|PX milliseconds|...]"): blocks joined by spaces, one-of
 * choices by "|", a token before its value, "[...]" around optional parts and "x [x ...]" for
 * repeated ones (with the token repeated when each repetition needs it).
 */
final class Syntax {
    private Syntax() {
    }

    static String params(List<Reply> arguments) {
        List<String> parts = new ArrayList<>();
        for (Reply argument : arguments) {
            parts.add(argument(CommandDocs.fields(argument)));
        }
        return String.join(" ", parts);
    }

    private static String argument(Map<String, Reply> arg) {
        String type = CommandDocs.text(arg.get("type"));
        List<String> flags = new ArrayList<>();
        for (Reply flag : CommandDocs.list(arg.get("flags"))) {
            flags.add(CommandDocs.text(flag));
        }
        String token = arg.containsKey("token") ? CommandDocs.text(arg.get("token")) : null;
        String name = switch (type) {
            case "block" -> join(arg, " ");
            case "oneof" -> join(arg, "|");
            case "pure-token" -> null;
            default -> CommandDocs.text(arg.get("name"));
        };
        if (flags.contains("multiple")) {
            name = flags.contains("multiple_token")
                    ? name + " [" + token + " " + name + " ...]"
                    : name + " [" + name + " ...]";
        }
        if (token != null) {
            name = name == null ? token : token + " " + name;
        }
        if (flags.contains("optional")) {
            name = "[" + name + "]";
        }
        return name == null ? "" : name;
    }

    private static String join(Map<String, Reply> arg, String separator) {
        List<String> parts = new ArrayList<>();
        for (Reply nested : CommandDocs.list(arg.get("arguments"))) {
            parts.add(argument(CommandDocs.fields(nested)));
        }
        return String.join(separator, parts);
    }
}
