package io.diskdb.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the lines typed at the prompt or read from a pipe, as redis-cli's REPL does: blank lines
 * are skipped, "quit"/"exit" end, HELP and CLEAR are answered locally, "N command" repeats a
 * command N times, and everything else goes to the server with its reply printed. It also
 * keeps the state the prompt shows (database, MULTI) and reconnects once when the connection
 * drops.
 */
final class LineRunner {
    /** Where replies go: the terminal or stdout. */
    interface Output {
        void write(byte[] bytes);

        default void write(String text) {
            write(text.getBytes(StandardCharsets.UTF_8));
        }

        void clearScreen();
    }

    enum Outcome { CONTINUE, QUIT }

    private final CliOptions options;
    private final boolean ttyFormat;
    private final boolean color;
    private final Output out;
    private Connection connection;
    private CommandDocs docs;
    private int db;
    private boolean inMulti;

    LineRunner(CliOptions options, Connection connection, boolean ttyFormat, boolean color, Output out) {
        this.options = options;
        this.connection = connection;
        this.ttyFormat = ttyFormat;
        this.color = color;
        this.out = out;
        this.db = options.db();
    }

    /** "127.0.0.1:6380[2](TX)> ", or "not connected> ". */
    String prompt() {
        if (connection == null) {
            return "not connected> ";
        }
        return options.address() + (db != 0 ? "[" + db + "]" : "") + (inMulti ? "(TX)" : "") + "> ";
    }

    /** The server's command docs, read at the first need (null connection: none). */
    CommandDocs docs() {
        if (docs == null && connection != null) {
            try {
                Reply reply = connection.call(Connection.strings(List.of("COMMAND", "DOCS")));
                docs = reply instanceof Reply.Error ? CommandDocs.empty() : CommandDocs.parse(reply);
            } catch (IOException e) {
                return CommandDocs.empty();
            }
        }
        return docs == null ? CommandDocs.empty() : docs;
    }

    Outcome run(String line) {
        List<byte[]> args = ArgSplitter.split(line);
        if (args == null) {
            out.write("Invalid argument(s)\n");
            return Outcome.CONTINUE;
        }
        if (args.isEmpty()) {
            return Outcome.CONTINUE;
        }
        String first = new String(args.get(0), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        if (first.equals("quit") || first.equals("exit")) {
            return Outcome.QUIT;
        }
        if (first.equals("help") || first.equals("?")) {
            out.write(HelpText.render(docs(), words(args.subList(1, args.size())), color));
            return Outcome.CONTINUE;
        }
        if (first.equals("clear") && args.size() == 1) {
            out.clearScreen();
            return Outcome.CONTINUE;
        }
        long repeat = 1;
        if (args.size() > 1 && first.matches("[0-9]+")) {
            repeat = Long.parseLong(first.length() > 18 ? "0" : first);
            args = args.subList(1, args.size());
        }
        for (long i = 0; i < repeat; i++) {
            call(args);
        }
        return Outcome.CONTINUE;
    }

    /** Sends one command and prints its reply; true unless the reply is an error. */
    boolean call(List<byte[]> args) {
        Reply reply;
        try {
            reply = callReconnecting(args);
        } catch (IOException e) {
            out.write(e instanceof Connection.ConnectException ? e.getMessage() + "\n" : "Error: " + e.getMessage() + "\n");
            return false;
        }
        track(new String(args.get(0), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT), args, reply);
        out.write(ttyFormat ? ReplyFormatter.tty(reply) : ReplyFormatter.raw(reply));
        return !(reply instanceof Reply.Error);
    }

    private Reply callReconnecting(List<byte[]> args) throws IOException {
        if (connection != null) {
            try {
                return connection.call(args);
            } catch (IOException e) {
                connection.close();
                connection = null;
                inMulti = false;
            }
        }
        connection = Connection.open(withDb(db));
        return connection.call(args);
    }

    private CliOptions withDb(int selected) {
        return new CliOptions(options.host(), options.port(), options.user(), options.password(), selected,
                options.resp3(), options.tls(), options.output(), options.authWarning(), options.help(),
                options.command());
    }

    /** Follows SELECT and MULTI/EXEC/DISCARD so the prompt shows the database and "(TX)". */
    private void track(String command, List<byte[]> args, Reply reply) {
        boolean ok = !(reply instanceof Reply.Error);
        switch (command) {
            case "select" -> {
                if (ok && args.size() == 2) {
                    try {
                        db = Integer.parseInt(new String(args.get(1), StandardCharsets.UTF_8));
                    } catch (NumberFormatException e) {
                        // the server took a number Java reads differently: keep the old prompt
                    }
                }
            }
            case "multi" -> inMulti = inMulti || ok;
            case "exec", "discard" -> inMulti = false;
            default -> { }
        }
    }

    private static List<String> words(List<byte[]> args) {
        List<String> words = new ArrayList<>(args.size());
        for (byte[] arg : args) {
            words.add(new String(arg, StandardCharsets.UTF_8));
        }
        return words;
    }

    void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
