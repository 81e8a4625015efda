package io.diskdb.replication;

import io.diskdb.testing.Await;
import io.diskdb.testing.DiskDbProcess;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Test support for replication: DiskDB processes in data directories of their own, helpers to
 * wait until replicas have caught up, and a full dump of a server's keyspace to compare servers.
 */
final class ReplicationCluster implements AutoCloseable {
    /** Short enough for the tests to see a dead link quickly. */
    static final String TIMEOUT_SECONDS = "3";

    private final Path root;
    private final List<DiskDbProcess> started = new ArrayList<>();

    ReplicationCluster(Path root) {
        this.root = root;
    }

    /** A server named {@code name} (its data directory and log), with extra flags. */
    DiskDbProcess start(String name, String... flags) {
        List<String> args = new ArrayList<>(List.of("--repl-timeout", TIMEOUT_SECONDS));
        args.addAll(List.of(flags));
        DiskDbProcess process = DiskDbProcess.start(root.resolve(name), log(name), args.toArray(String[]::new));
        started.add(process);
        return process;
    }

    DiskDbProcess startReplica(String name, DiskDbProcess master, String... flags) {
        List<String> args = new ArrayList<>(List.of("--replicaof", "127.0.0.1:" + master.port()));
        args.addAll(List.of(flags));
        DiskDbProcess replica = start(name, args.toArray(String[]::new));
        awaitReplicated(replica, 0);
        return replica;
    }

    /** Waits until the replica's link is up and it has applied up to {@code sequence}. */
    static void awaitReplicated(DiskDbProcess replica, long sequence) {
        try (Jedis r = client(replica)) {
            Await.until(30_000,
                    () -> "replica on " + replica.port() + " did not reach " + sequence + ": " + r.info("replication"),
                    () -> "up".equals(info(r, "master_link_status")) && infoLong(r, "slave_repl_offset") >= sequence);
        }
    }

    Path log(String name) {
        return root.resolve(name + ".log");
    }

    String logText(String name) {
        try {
            return Files.readString(log(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Jedis client(DiskDbProcess server) {
        return new Jedis("127.0.0.1", server.port(), 10_000);
    }

    static long infoLong(Jedis jedis, String field) {
        for (String line : jedis.info("replication").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1));
            }
        }
        throw new AssertionError("no " + field + " in INFO replication");
    }

    static String info(Jedis jedis, String field) {
        for (String line : jedis.info("replication").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    /** Waits until every replica has applied everything {@code master} has (the master being idle). */
    static void awaitCaughtUp(DiskDbProcess master, DiskDbProcess... replicas) {
        try (Jedis m = client(master)) {
            long target = infoLong(m, "master_repl_offset");
            for (DiskDbProcess replica : replicas) {
                awaitReplicated(replica, target);
                try (Jedis r = client(replica)) {
                    assertEquals(target, infoLong(r, "slave_repl_offset"), "replica ahead of its master");
                }
            }
        }
    }

    /**
     * Every key of databases 0..{@code databases-1} with its type, value and expiry time: two
     * servers with equal dumps hold the same data.
     */
    static SortedMap<String, String> dump(DiskDbProcess server, int databases) {
        SortedMap<String, String> all = new TreeMap<>();
        try (Jedis jedis = client(server)) {
            for (int db = 0; db < databases; db++) {
                jedis.select(db);
                String cursor = "0";
                do {
                    List<?> page = (List<?>) jedis.sendCommand(command("SCAN"), cursor, "COUNT", "500");
                    cursor = text(page.get(0));
                    for (Object rawKey : (List<?>) page.get(1)) {
                        String key = text(rawKey);
                        all.put(db + ":" + key, describe(jedis, key));
                    }
                } while (!cursor.equals("0"));
            }
        }
        return all;
    }

    private static String describe(Jedis jedis, String key) {
        String type = jedis.type(key);
        Object value = switch (type) {
            case "string" -> jedis.sendCommand(command("GET"), key);
            case "hash" -> sortedPairs((List<?>) jedis.sendCommand(command("HGETALL"), key));
            case "list" -> jedis.sendCommand(command("LRANGE"), key, "0", "-1");
            case "set" -> sorted((List<?>) jedis.sendCommand(command("SMEMBERS"), key));
            case "zset" -> jedis.sendCommand(command("ZRANGE"), key, "0", "-1", "WITHSCORES");
            case "stream" -> jedis.sendCommand(command("XRANGE"), key, "-", "+");
            case "ReJSON-RL" -> jedis.sendCommand(command("JSON.GET"), key);
            default -> "?";
        };
        Object expiry = jedis.sendCommand(command("PEXPIRETIME"), key);
        return type + " " + render(value) + " expire-at " + expiry;
    }

    private static List<String> sorted(List<?> items) {
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            out.add(render(item));
        }
        Collections.sort(out);
        return out;
    }

    private static List<String> sortedPairs(List<?> flat) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            out.add(render(flat.get(i)) + "=" + render(flat.get(i + 1)));
        }
        Collections.sort(out);
        return out;
    }

    static String render(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object item : list) {
                parts.add(render(item));
            }
            return parts.toString();
        }
        return String.valueOf(value);
    }

    static String text(Object value) {
        return render(value);
    }

    static ProtocolCommand command(String name) {
        byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
        return () -> raw;
    }

    @Override
    public void close() {
        for (DiskDbProcess process : started) {
            process.close();
        }
    }
}
