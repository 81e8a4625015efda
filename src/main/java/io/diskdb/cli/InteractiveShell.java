package io.diskdb.cli;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The interactive prompt: JLine line editing with the history kept across runs
 * (~/.diskdb_history, or DISKDB_CLI_HISTFILE), tab completion of commands and subcommands, the
 * grey syntax hint, and replies in redis-cli's terminal format.
 */
final class InteractiveShell {
    private InteractiveShell() {
    }

    static int run(CliOptions options, Main.Io io) {
        Connection connection = Main.connect(options, io); // not connected: the prompt says so
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineRunner runner = new LineRunner(options, connection, true, true, terminalOutput(terminal));
            LineReader reader = reader(terminal, runner);
            try {
                while (true) {
                    String line;
                    try {
                        line = reader.readLine(runner.prompt());
                    } catch (UserInterruptException | EndOfFileException e) {
                        return 0; // Ctrl-C or Ctrl-D at the prompt ends the session, as in redis-cli
                    }
                    if (runner.run(line) == LineRunner.Outcome.QUIT) {
                        return 0;
                    }
                }
            } finally {
                saveHistory(reader);
                runner.close();
            }
        } catch (IOException e) {
            io.err().println("Cannot open the terminal: " + e.getMessage());
            return 1;
        }
    }

    private static LineReader reader(Terminal terminal, LineRunner runner) throws IOException {
        HintingLineReader reader = new HintingLineReader(terminal, runner::docs);
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(false); // an unbalanced quote is reported, not continued on a new line
        reader.setParser(parser);
        reader.setCompleter(new CommandCompleter(runner::docs));
        reader.setHistory(new SensitiveFilteringHistory());
        reader.setVariable(LineReader.HISTORY_FILE, historyFile());
        reader.setVariable(LineReader.HISTORY_SIZE, 100);
        reader.setVariable(LineReader.HISTORY_FILE_SIZE, 100);
        reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true); // "!" is data, not history recall
        reader.option(LineReader.Option.CASE_INSENSITIVE, true);
        reader.option(LineReader.Option.HISTORY_IGNORE_SPACE, false);
        reader.getHistory().attach(reader);
        return reader;
    }

    private static Path historyFile() {
        String configured = System.getenv("DISKDB_CLI_HISTFILE");
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".diskdb_history");
    }

    private static void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            // redis-cli carries on silently when it cannot write its history, too
        }
    }

    private static LineRunner.Output terminalOutput(Terminal terminal) {
        return new LineRunner.Output() {
            @Override
            public void write(byte[] bytes) {
                terminal.writer().print(new String(bytes, StandardCharsets.UTF_8));
                terminal.writer().flush();
            }

            @Override
            public void clearScreen() {
                terminal.puts(InfoCmp.Capability.clear_screen);
                terminal.flush();
            }
        };
    }
}
