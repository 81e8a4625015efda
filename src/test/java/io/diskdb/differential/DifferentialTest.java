package io.diskdb.differential;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.RealRedis;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static io.diskdb.testing.Sleep.sleep;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Sends the same commands to DiskDB and to a real Redis and requires the same reply bytes.
 * Random runs draw commands from a table with a seeded generator; a failure prints the seed
 * and the commands that led to it, so it can be replayed.
 *
 * <p>Two kinds of reply are compared loosely because the servers run a moment apart: TTL may
 * differ by one second and PTTL by 100 ms; KEYS replies are compared as sets. Setting the
 * system property {@code differential.commands} (e.g. {@code get,set,ping}) limits random runs
 * to those rows of the table.
 */
public abstract class DifferentialTest {
    private static final int HISTORY = 25;

    private TestServer diskdb;
    private RealRedis redis;
    private RawConnection toDiskDb;
    private RawConnection toRedis;
    /** Further clients, as [diskdb, redis] pairs: index 0 here is client 1 of {@link #runAs}. */
    private final List<RawConnection[]> otherClients = new ArrayList<>();
    private final Deque<String> history = new ArrayDeque<>();

    @BeforeEach
    void startServers() {
        redis = RealRedis.start();
        diskdb = TestServer.start();
        toDiskDb = diskdb.raw();
        toRedis = redis.raw();
    }

    @AfterEach
    void stopServers() {
        for (RawConnection[] pair : otherClients) {
            pair[0].close();
            pair[1].close();
        }
        toDiskDb.close();
        toRedis.close();
        diskdb.close();
        redis.close();
    }

    /** Runs one command on both servers and fails unless the replies match. */
    protected void assertSameReply(String... args) {
        run(Step.of(args), "");
    }

    private void run(Step step, String context) {
        runAs(0, step, context);
    }

    /**
     * Runs one step as client {@code client} and fails unless the replies match: client 0 is
     * the default connection, others are opened on first use on both servers, so tests of
     * interplay between clients (WATCH) give both servers the same interleaving.
     */
    protected void runAs(int client, Step step, String context) {
        if (step.name().equals("dbsize")) {
            reclaimExpiredKeys();
        }
        while (otherClients.size() < client) {
            otherClients.add(new RawConnection[]{diskdb.raw(), redis.raw()});
        }
        RawConnection ourClient = client == 0 ? toDiskDb : otherClients.get(client - 1)[0];
        RawConnection theirClient = client == 0 ? toRedis : otherClients.get(client - 1)[1];
        String ours = ourClient.call(step.args());
        String theirs = theirClient.call(step.args());
        remember((client == 0 ? "" : "[client " + client + "] ") + step + "\n      diskdb " + printable(ours) + "      redis  " + printable(theirs));
        if (!equivalent(step.name(), ours, theirs)) {
            fail(context + "replies differ for: " + step + "\n  diskdb: " + printable(ours) + "  redis:  " + printable(theirs)
                    + "\nlast commands (oldest first):\n  " + String.join("\n  ", history));
        }
        if (step.pauseMillis() > 0) {
            sleep(step.pauseMillis());
        }
    }

    /**
     * Redis counts a key whose time has passed until something deletes it, and when its
     * probabilistic active expiry gets there differs from DiskDB's. Touching every key first
     * deletes the expired ones on both servers, so DBSIZE compares what is really there.
     */
    private void reclaimExpiredKeys() {
        String[] exists = new String[Arguments.allKeys().size() + 1];
        exists[0] = "EXISTS";
        for (int i = 0; i < Arguments.allKeys().size(); i++) {
            exists[i + 1] = Arguments.allKeys().get(i);
        }
        toDiskDb.call(exists);
        toRedis.call(exists);
    }

    /** Runs {@code steps} random commands from {@code table} (filtered by differential.commands). */
    protected void runRandom(long seed, int steps, List<CommandRow> table) {
        List<CommandRow> rows = selected(table);
        if (rows.isEmpty()) {
            fail("no rows of the table are selected by -Ddifferential.commands");
        }
        Random random = new Random(seed);
        Arguments arguments = new Arguments(random);
        String context = "seed " + seed + " (rows: " + rows.stream().map(CommandRow::command).distinct().collect(Collectors.joining(",")) + "): ";
        for (int i = 0; i < steps; i++) {
            run(arguments.pick(rows).generate(random, arguments), context + "step " + i + ": ");
        }
    }

    static List<CommandRow> selected(List<CommandRow> table) {
        String filter = System.getProperty("differential.commands", "").trim();
        if (filter.isEmpty()) {
            return table;
        }
        Set<String> names = Arrays.stream(filter.toLowerCase().split(",")).map(String::trim).collect(Collectors.toSet());
        return table.stream().filter(row -> names.contains(row.command().toLowerCase())).toList();
    }

    /**
     * Whether two replies to {@code command} mean the same. Exact bytes by default; a family's
     * test overrides this for commands whose reply order Redis itself leaves unspecified
     * (SMEMBERS, HGETALL...), calling super for the rest.
     */
    protected boolean equivalent(String command, String ours, String theirs) {
        if (ours.equals(theirs)) {
            return true;
        }
        return switch (command) {
            case "ttl" -> closeIntegers(ours, theirs, 1);
            case "pttl" -> closeIntegers(ours, theirs, 100);
            case "keys" -> sortedBulks(ours).equals(sortedBulks(theirs));
            default -> false;
        };
    }

    /** Two ":n" replies within {@code tolerance} of each other, both being remaining times (n >= 0). */
    private static boolean closeIntegers(String a, String b, long tolerance) {
        if (!a.startsWith(":") || !b.startsWith(":")) {
            return false;
        }
        long x = Long.parseLong(a.substring(1).trim());
        long y = Long.parseLong(b.substring(1).trim());
        return x >= 0 && y >= 0 && Math.abs(x - y) <= tolerance;
    }

    /** The elements of a flat array of bulk strings, sorted; null if the reply is not one. */
    protected static List<String> sortedBulks(String reply) {
        if (!reply.startsWith("*")) {
            return null;
        }
        int lineEnd = reply.indexOf("\r\n");
        int count = Integer.parseInt(reply.substring(1, lineEnd));
        List<String> elements = new ArrayList<>();
        int at = lineEnd + 2;
        for (int i = 0; i < count; i++) {
            int end = reply.indexOf("\r\n", at);
            int length = Integer.parseInt(reply.substring(at + 1, end));
            elements.add(reply.substring(end + 2, end + 2 + length));
            at = end + 2 + length + 2;
        }
        Collections.sort(elements);
        return elements;
    }

    private void remember(String entry) {
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(entry);
    }

    private static String printable(String reply) {
        return reply.replace("\r\n", "\\r\\n").replace("\u0000", "\\0") + "\n";
    }

    /** Command arguments from single strings and String[] runs, in order (for CommandRow generators). */
    protected static String[] concat(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof String[] many) {
                out.addAll(List.of(many));
            } else {
                out.add((String) part);
            }
        }
        return out.toArray(new String[0]);
    }
}
