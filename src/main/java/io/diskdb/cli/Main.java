package io.diskdb.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * diskdb-cli: an interactive client like redis-cli. With a command after the options it runs it
 * once and exits (1 on an error reply); with none it reads commands from stdin when stdin is not
 * a terminal, else starts the interactive prompt. Replies are printed in redis-cli's terminal
 * format when stdout is a terminal and raw otherwise.
 */
public final class Main {
    private Main() {
    }

    /** The process's streams and whether they are terminals (tests pass their own). */
    record Io(InputStream in, PrintStream out, PrintStream err, boolean stdinTty, boolean stdoutTty) {
    }

    public static void main(String[] args) {
        // The jar carries the server's logging setup (stdout); replies own stdout here.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.OFF);
        System.exit(run(args, new Io(System.in, System.out, System.err, Tty.stdin(), Tty.stdout())));
    }

    static int run(String[] args, Io io) {
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (CliOptions.UsageException e) {
            io.err().println(e.getMessage());
            return 1;
        }
        if (options.help()) {
            io.out().print(CliOptions.usage());
            return 0;
        }
        if (options.password() != null && options.authWarning() && List.of(args).contains("-a")) {
            io.err().println("Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.");
        }
        boolean ttyFormat = switch (options.output()) {
            case TTY -> true;
            case RAW -> false;
            case AUTO -> io.stdoutTty();
        };
        if (!options.command().isEmpty()) {
            return oneShot(options, ttyFormat, io);
        }
        if (!io.stdinTty()) {
            return piped(options, ttyFormat, io);
        }
        return InteractiveShell.run(options, io);
    }

    /** Runs the command given on the command line; exit code 1 when it fails. */
    private static int oneShot(CliOptions options, boolean ttyFormat, Io io) {
        Connection connection = connect(options, io);
        if (connection == null) {
            return 1;
        }
        LineRunner runner = new LineRunner(options, connection, ttyFormat, false, streamOutput(io.out()));
        try {
            return runner.call(Connection.strings(options.command())) ? 0 : 1;
        } finally {
            runner.close();
            io.out().flush();
        }
    }

    /** Runs stdin line by line, as redis-cli does when its input is not a terminal. */
    private static int piped(CliOptions options, boolean ttyFormat, Io io) {
        Connection connection = connect(options, io);
        if (connection == null) {
            return 1;
        }
        LineRunner runner = new LineRunner(options, connection, ttyFormat, false, streamOutput(io.out()));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (runner.run(line) == LineRunner.Outcome.QUIT) {
                    break;
                }
            }
            return 0;
        } catch (IOException e) {
            io.err().println("Error reading stdin: " + e.getMessage());
            return 1;
        } finally {
            runner.close();
            io.out().flush();
        }
    }

    /** Connects or prints why not (and returns null). */
    static Connection connect(CliOptions options, Io io) {
        try {
            return Connection.open(options);
        } catch (IOException e) {
            io.err().println(e.getMessage());
            return null;
        }
    }

    private static LineRunner.Output streamOutput(PrintStream out) {
        return new LineRunner.Output() {
            @Override
            public void write(byte[] bytes) {
                out.write(bytes, 0, bytes.length);
                out.flush();
            }

            @Override
            public void clearScreen() {
                out.print("\u001b[H\u001b[2J");
                out.flush();
            }
        };
    }
}
