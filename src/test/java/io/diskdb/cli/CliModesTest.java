package io.diskdb.cli;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * diskdb-cli's one-shot mode (a command on the command line) and piped mode (commands on stdin),
 * against a DiskDB test server, in both output formats; where redis-cli is installed, its output
 * for the same input must be byte for byte the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliModesTest {
    private TestServer server;

    /** What one run of the CLI printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    void start() {
        server = TestServer.start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void flush() {
        try (RawConnection c = server.raw()) {
            c.call("FLUSHALL");
        }
    }

    private Run cli(String stdin, boolean stdoutTty, String... args) {
        List<String> all = new ArrayList<>(List.of("-p", Integer.toString(server.port())));
        all.addAll(List.of(args));
        return invoke(stdin, stdoutTty, all.toArray(String[]::new));
    }

    /** Runs the CLI in this JVM with stdin not a terminal. */
    private static Run invoke(String stdin, boolean stdoutTty, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new Main.Io(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, stdoutTty));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneShotPrintsTheReplyAndExitsZero() {
        assertEquals(new Run(0, "OK\n", ""), cli("", false, "SET", "greeting", "hello world"));
        assertEquals(new Run(0, "hello world\n", ""), cli("", false, "GET", "greeting"));
        assertEquals(new Run(0, "\"hello world\"\n", ""), cli("", true, "GET", "greeting"));
        assertEquals(new Run(0, "(nil)\n", ""), cli("", true, "GET", "missing"));
        assertEquals(new Run(0, "(integer) 1\n", ""), cli("", true, "EXISTS", "greeting"));
        assertEquals(new Run(0, "1\n", ""), cli("", false, "EXISTS", "greeting"));
        assertEquals(new Run(0, "\"hello world\"\n", ""), cli("", false, "--no-raw", "GET", "greeting"));
        assertEquals(new Run(0, "hello world\n", ""), cli("", true, "--raw", "GET", "greeting"));
    }

    @Test
    void oneShotExitsOneOnAnErrorReply() {
        cli("", false, "SET", "s", "v");
        assertEquals(new Run(1, "(error) ERR value is not an integer or out of range\n", ""), cli("", true, "INCR", "s"));
        assertEquals(new Run(1, "ERR value is not an integer or out of range\n\n", ""), cli("", false, "INCR", "s"));
        assertEquals(1, cli("", false, "NOSUCHCOMMAND").exitCode());
    }

    @Test
    void optionsSelectTheDatabaseAndProtocol() {
        assertEquals(new Run(0, "OK\n", ""), cli("", false, "-n", "2", "SET", "k", "in2"));
        assertEquals(new Run(0, "\n", ""), cli("", false, "GET", "k"));
        assertEquals(new Run(0, "in2\n", ""), cli("", false, "-n", "2", "GET", "k"));
        cli("", false, "HSET", "h", "f", "v");
        assertEquals(new Run(0, "1# \"f\" => \"v\"\n", ""), cli("", true, "-3", "HGETALL", "h"));
        assertEquals(new Run(0, "1) \"f\"\n2) \"v\"\n", ""), cli("", true, "HGETALL", "h"));
        cli("", false, "ZADD", "z", "1.5", "m");
        assertEquals(new Run(0, "(double) 1.5\n", ""), cli("", true, "-3", "ZSCORE", "z", "m"));
    }

    @Test
    void aServerThatIsNotThereIsReportedOnStderr() {
        Run run = invoke("", false, "-p", "1", "PING");
        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Could not connect to DiskDB at 127.0.0.1:1: Connection refused"), run.err());
    }

    @Test
    void badOptionsExitOne() {
        Run run = cli("", false, "--bogus");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("Unrecognized option or bad number of args for: '--bogus'"), run.err());
    }

    @Test
    void pipedInputRunsLineByLine() {
        String script = "SET a 1\n\n   \nINCR a\nGET a\nRPUSH l x \"y z\"\nLRANGE l 0 -1\nGET \"unbalanced\n"
                + "SELECT 4\nGET a\nNOSUCH x\nquit\nGET never\n";
        Run raw = cli(script, false);
        assertEquals(new Run(0, "OK\n2\n2\n2\nx\ny z\nInvalid argument(s)\nOK\n\n"
                + "ERR unknown command 'NOSUCH', with args beginning with: 'x' \n\n", ""), raw);
        Run tty = cli("GET a\nLRANGE l 0 -1\nLRANGE none 0 -1\n", true);
        assertEquals("\"2\"\n1) \"x\"\n2) \"y z\"\n(empty array)\n", tty.out());
    }

    @Test
    void pipedHelpComesFromTheServersCommandDocs() {
        Run run = cli("help bzpopmax\n", false);
        assertEquals("\n  BZPOPMAX key [key ...] timeout\n"
                + "  summary: Remove and return the member with the highest score from one or more sorted sets, "
                + "or block until one is available\n  since: 5.0.0\n  group: sorted-set\n\n", run.out());
    }

    /** The same stdin through redis-cli and diskdb-cli, both against DiskDB, both formats. */
    @Test
    void outputIsByteForByteRedisClis() throws Exception {
        Path redisCli = onPath("redis-cli");
        assumeTrue(redisCli != null, "redis-cli is not installed (Debian: apt-get install redis-tools)");
        String setup = "DEL l h s z e\nRPUSH l a \"b c\" \"\" \"x\\ny\" \"\\xe4\\xbd\\xa0\"\nHSET h f1 v1 f2 2\n"
                + "SADD s m1\nZADD z 1 a 2.5 b\nSET e \"quote\\\"back\\\\slash\\ttab\"\n";
        String queries = "LRANGE l 0 -1\nHGETALL h\nSMEMBERS s\nZRANGE z 0 -1 WITHSCORES\nZSCORE z b\nGET e\n"
                + "GET missing\nLRANGE missing 0 -1\nHGETALL missing\nINCR l\nEXISTS l h nope\n"
                + "COMMAND INFO get zadd\nZPOPMIN none\nNOSUCH\nGET \"bad\nSELECT 1\nSET k v\nGET k\n";
        for (String protocol : List.of("-2", "-3")) {
            for (String format : List.of("--raw", "--no-raw")) {
                cli(setup, false, "-n", "0");
                String ours = cli(queries, false, protocol, format).out();
                cli(setup, false, "-n", "0");
                String theirs = run(redisCli, queries, protocol, format);
                assertEquals(theirs, ours, "redis-cli " + protocol + " " + format);
            }
        }
        cli(setup, false);
        for (String[] command : List.of(new String[]{"LRANGE", "l", "0", "-1"}, new String[]{"HGETALL", "h"},
                new String[]{"INCR", "l"}, new String[]{"GET", "missing"})) {
            for (String format : List.of("--raw", "--no-raw")) {
                List<String> args = new ArrayList<>(List.of(format));
                args.addAll(List.of(command));
                assertEquals(run(redisCli, "", args.toArray(String[]::new)), cli("", false, args.toArray(String[]::new)).out(),
                        String.join(" ", args));
            }
        }
    }

    private String run(Path redisCli, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(redisCli.toString(), "-p", Integer.toString(server.port())));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8);
    }

    static Path onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
