package io.diskdb.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The grey hint redis-cli shows after what is typed: the syntax of the command being typed,
 * minus the arguments already given (it stops dropping at the first optional part, as redis-cli
 * does, since it cannot tell which optional parts were used).
 */
public final class Hints {
    private Hints() {
    }

    /** The hint for {@code line}, or "" when no command matches. */
    public static String hint(CommandDocs docs, String line) {
        List<byte[]> split = ArgSplitter.split(line);
        if (split == null || split.isEmpty()) {
            return "";
        }
        List<String> args = new ArrayList<>(split.size());
        for (byte[] arg : split) {
            args.add(new String(arg, StandardCharsets.UTF_8));
        }
        CommandDocs.Entry entry = docs.longestMatch(args);
        if (entry == null) {
            return "";
        }
        String hint = entry.params();
        int toRemove = args.size() - entry.words().size();
        int at = 0;
        while (toRemove > 0 && at < hint.length()) {
            if (hint.charAt(at) == '[') {
                break;
            }
            if (hint.charAt(at) == ' ') {
                toRemove--;
            }
            at++;
        }
        hint = hint.substring(at);
        boolean endsWithSpace = !line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1));
        return endsWithSpace ? hint : " " + hint;
    }
}
