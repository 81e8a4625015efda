package io.diskdb.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the CLI knows about the server's commands, read once from COMMAND DOCS: for each command
 * and subcommand its words ("CONFIG", "GET"), argument syntax, summary, since and group. HELP,
 * tab completion and the typing hints all come from here, so they follow the server's own table.
 */
public final class CommandDocs {
    /** One command or subcommand. {@code params} is the syntax after the name, as redis-cli's help shows it. */
    public record Entry(List<String> words, String params, String summary, String since, String group) {
        public String name() {
            return String.join(" ", words);
        }
    }

    private final List<Entry> entries;

    public CommandDocs(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::name));
        this.entries = List.copyOf(sorted);
    }

    public static CommandDocs empty() {
        return new CommandDocs(List.of());
    }

    /** Parses a COMMAND DOCS reply (RESP2 flat arrays or RESP3 maps). */
    public static CommandDocs parse(Reply reply) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Reply> command : fields(reply).entrySet()) {
            add(entries, List.of(command.getKey().toUpperCase(Locale.ROOT)), fields(command.getValue()));
        }
        return new CommandDocs(entries);
    }

    private static void add(List<Entry> entries, List<String> words, Map<String, Reply> doc) {
        entries.add(new Entry(words, Syntax.params(list(doc.get("arguments"))), text(doc.get("summary")),
                text(doc.get("since")), text(doc.get("group"))));
        for (Map.Entry<String, Reply> sub : fields(doc.get("subcommands")).entrySet()) {
            String name = sub.getKey();
            String subName = name.substring(name.indexOf('|') + 1).toUpperCase(Locale.ROOT);
            add(entries, List.of(words.get(0), subName), fields(sub.getValue()));
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Top-level command names, upper case, sorted. */
    public List<String> commandNames() {
        return entries.stream().filter(e -> e.words().size() == 1).map(e -> e.words().get(0)).toList();
    }

    /** The subcommand names of {@code command} (any case), upper case; empty if it has none. */
    public List<String> subcommands(String command) {
        return entries.stream()
                .filter(e -> e.words().size() == 2 && e.words().get(0).equalsIgnoreCase(command))
                .map(e -> e.words().get(1)).toList();
    }

    /**
     * The entry whose words are the longest prefix of {@code args} (so "CONFIG GET x" finds
     * CONFIG GET, not CONFIG), as redis-cli picks the hint to show; null if none.
     */
    public Entry longestMatch(List<String> args) {
        Entry best = null;
        for (Entry entry : entries) {
            List<String> words = entry.words();
            if (words.size() <= args.size() && (best == null || words.size() > best.words().size())
                    && startsWith(args, words)) {
                best = entry;
            }
        }
        return best;
    }

    /** The entries HELP shows for these words: every entry they are a prefix of ("HELP CONFIG" lists its subcommands). */
    public List<Entry> matching(List<String> words) {
        return entries.stream().filter(e -> words.size() <= e.words().size() && startsWith(e.words(), words)).toList();
    }

    public List<Entry> inGroup(String group) {
        return entries.stream().filter(e -> group.equalsIgnoreCase(e.group())).toList();
    }

    private static boolean startsWith(List<String> list, List<String> prefix) {
        for (int i = 0; i < prefix.size(); i++) {
            if (!list.get(i).equalsIgnoreCase(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A RESP3 map or a RESP2 flat array of alternating names and values, in order. */
    static Map<String, Reply> fields(Reply reply) {
        Map<String, Reply> fields = new LinkedHashMap<>();
        List<Reply> items = reply instanceof Reply.Pairs p ? p.items()
                : reply instanceof Reply.Aggregate a ? a.items() : List.of();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            fields.put(text(items.get(i)), items.get(i + 1));
        }
        return fields;
    }

    static List<Reply> list(Reply reply) {
        return reply instanceof Reply.Aggregate a ? a.items() : List.of();
    }

    static String text(Reply reply) {
        if (reply instanceof Reply.Bulk b) {
            return new String(b.value(), StandardCharsets.UTF_8);
        } else if (reply instanceof Reply.Status s) {
            return s.text();
        } else if (reply instanceof Reply.Verbatim v) {
            return new String(v.value(), StandardCharsets.UTF_8);
        } else if (reply instanceof Reply.Number n) {
            return Long.toString(n.value());
        }
        return "";
    }
}
