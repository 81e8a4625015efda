package io.diskdb.cli;

import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the interactive prompt through a real terminal: diskdb-cli runs inside a detached tmux
 * session (its own tmux server on a socket in a temporary directory, both removed afterwards), keys go in with send-keys and the
 * screen is read back with capture-pane. Needs tmux (Debian: apt-get install tmux); skipped
 * without it.
 */
class InteractiveTmuxTest {
    private static final long SCREEN_TIMEOUT_MILLIS = 20_000;

    private TestServer server;
    private Path dir;
    private String socket;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(CliModesTest.onPath("tmux") != null,
                "tmux is not installed (Debian: apt-get install tmux): the interactive prompt is not tested");
        server = TestServer.start();
        dir = Files.createTempDirectory("diskdb-cli-tmux");
        socket = dir.resolve("tmux.sock").toString(); // a private tmux server, gone with the directory
    }

    @AfterEach
    void stop() throws Exception {
        if (socket != null) {
            tmux("kill-server"); // ends the session and the CLI in it
        }
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void promptRepliesCompletionHintsHelpAndHistory() throws Exception {
        Path history = dir.resolve("history");
        String prompt = "127.0.0.1:" + server.port() + "> ";
        startCli(history);
        awaitScreen(prompt);

        keys("SET greeting \"hello world\"", "Enter");
        awaitScreen("OK");
        keys("RPUSH list a b", "Enter");
        awaitScreen("(integer) 2");
        keys("LRANGE list 0 -1", "Enter");
        awaitScreen("1) \"a\"\n2) \"b\"");

        keys("SE", "Tab");
        String completions = awaitScreen("SETEX");
        assertTrue(completions.contains("SELECT") && completions.contains("SETRANGE"), completions);
        keys("C-u", "strl", "Tab");
        awaitScreen(prompt + "strlen");
        keys("greeting", "Enter");
        awaitScreen("(integer) 11");

        keys("zadd z ");
        awaitScreen(prompt + "zadd z [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]");
        keys("C-u", "HELP SET", "Enter");
        String help = awaitScreen("group: string");
        assertTrue(help.contains("  SET key value [NX|XX] [GET] [EX seconds|PX milliseconds"), help);
        assertTrue(help.contains("  summary: Set the string value of a key"), help);
        assertTrue(help.contains("  since: 1.0.0"), help);

        keys("SELECT 2", "Enter");
        awaitScreen("127.0.0.1:" + server.port() + "[2]> ");
        keys("GET nothing", "Enter");
        awaitScreen("(nil)");
        keys("quit", "Enter");
        awaitExit();

        List<String> saved = Files.readAllLines(history, StandardCharsets.UTF_8);
        assertTrue(saved.stream().anyMatch(line -> line.endsWith("SET greeting \"hello world\"")), saved.toString());

        // a new session recalls the previous one's lines
        tmux("kill-server");
        startCli(history);
        awaitScreen(prompt);
        keys("Up", "Up");
        awaitScreen(prompt + "GET nothing");
    }

    private void startCli(Path history) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "env DISKDB_CLI_HISTFILE=" + quote(history.toString()) + " " + quote(java)
                + " -cp " + quote(System.getProperty("java.class.path")) + " io.diskdb.cli.Main -p " + server.port();
        tmux("new-session", "-d", "-s", "cli", "-x", "150", "-y", "50", command);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private void keys(String... keys) throws Exception {
        for (String key : keys) {
            boolean named = key.equals("Enter") || key.equals("Tab") || key.equals("Up") || key.startsWith("C-");
            List<String> args = new ArrayList<>(List.of("send-keys", "-t", "cli"));
            if (!named) {
                args.add("-l"); // literal text, not key names
            }
            args.add(key);
            tmux(args.toArray(String[]::new));
        }
    }

    /** Waits until the screen shows {@code expected} (blanks at line ends ignored); returns the screen. */
    private String awaitScreen(String expected) throws Exception {
        String wanted = withoutTrailingBlanks(expected);
        long deadline = System.currentTimeMillis() + SCREEN_TIMEOUT_MILLIS;
        String screen = "";
        while (System.currentTimeMillis() < deadline) {
            screen = withoutTrailingBlanks(tmux("capture-pane", "-p", "-t", "cli"));
            if (screen.contains(wanted)) {
                return screen;
            }
            Thread.sleep(50);
        }
        return fail("the screen never showed [" + expected + "]; it shows:\n" + screen);
    }

    private static String withoutTrailingBlanks(String text) {
        return text.replaceAll("[ \\t]+(\n|$)", "$1");
    }

    private void awaitExit() throws Exception {
        long deadline = System.currentTimeMillis() + SCREEN_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!tmuxSucceeds("has-session", "-t", "cli")) {
                return;
            }
            Thread.sleep(50);
        }
        fail("the CLI did not exit after quit");
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "tmux " + String.join(" ", args) + " hung");
        return new String(out, StandardCharsets.UTF_8);
    }

    private boolean tmuxSucceeds(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
