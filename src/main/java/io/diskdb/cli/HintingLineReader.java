package io.diskdb.cli;

import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * A JLine reader that shows redis-cli's syntax hint after the typed text: before every redraw
 * it recomputes the hint for the current buffer and shows it as JLine's tail tip (greyed, never
 * part of the line, gone when the line is accepted).
 */
final class HintingLineReader extends LineReaderImpl {
    private final Supplier<CommandDocs> docs;

    HintingLineReader(Terminal terminal, Supplier<CommandDocs> docs) throws IOException {
        super(terminal, "diskdb-cli");
        this.docs = docs;
        setAutosuggestion(SuggestionType.TAIL_TIP);
    }

    @Override
    protected void redisplay(boolean flush) {
        String line = buf.toString();
        setTailTip(buf.cursor() == buf.length() ? Hints.hint(docs.get(), line) : "");
        super.redisplay(flush);
    }
}
