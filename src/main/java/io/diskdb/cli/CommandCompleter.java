package io.diskdb.cli;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Tab completion from the server's command table: command names for the first word, the
 * command's subcommands (CONFIG GET, CLIENT LIST...) for the second, in the case being typed.
 */
final class CommandCompleter implements Completer {
    private final Supplier<CommandDocs> docs;

    CommandCompleter(Supplier<CommandDocs> docs) {
        this.docs = docs;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String typed = line.word().substring(0, line.wordCursor());
        boolean lower = !typed.isEmpty() && typed.equals(typed.toLowerCase(Locale.ROOT));
        List<String> names = switch (line.wordIndex()) {
            case 0 -> docs.get().commandNames();
            case 1 -> docs.get().subcommands(line.words().get(0));
            default -> List.of();
        };
        for (String name : names) {
            String value = lower ? name.toLowerCase(Locale.ROOT) : name;
            candidates.add(new Candidate(value, value, null, null, null, null, true));
        }
    }
}
