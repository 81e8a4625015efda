package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diskdb.protocol.ReplyWriter;
import io.diskdb.testing.RawConnection;
import io.diskdb.testing.TestServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * COMMAND replies compared byte for byte with a real Redis 7.0 started by the test, in RESP2
 * and RESP3, for every command DiskDB registers (so the test grows as command families land).
 *
 * <p>Redis lists subcommands in hash-table order, which changes from run to run, and DiskDB
 * lists only the subcommands it supports; so before comparing, nested subcommand lists of both
 * replies are reduced to the supported ones and sorted by name. Nothing else is normalised.
 */
class IntrospectionRedisDiffTest {
    private static Process redis;
    private static int redisPort;
    private static TestServer diskdb;
    private static JsonNode redisCatalog;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = CommandCatalog.class.getResourceAsStream("/commands/redis-commands.json")) {
            redisCatalog = new ObjectMapper().readTree(in);
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            redisPort = socket.getLocalPort();
        }
        try {
            redis = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--save", "",
                    "--appendonly", "no", "--bind", "127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            fail("this test compares DiskDB with a real Redis 7.0, but 'redis-server' could not be started "
                    + "(install the Debian package redis-server so that it is on PATH): " + e.getMessage());
        }
        awaitRedis();
        diskdb = TestServer.start();
    }

    private static void awaitRedis() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!redis.isAlive()) {
                fail("redis-server exited with status " + redis.exitValue() + " on port " + redisPort);
            }
            try (Socket ignored = new Socket("127.0.0.1", redisPort)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("redis-server did not accept connections on port " + redisPort + " within 10 s");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (diskdb != null) {
            diskdb.close();
        }
        if (redis != null) {
            redis.destroy();
            if (!redis.waitFor(5, TimeUnit.SECONDS)) {
                redis.destroyForcibly();
            }
        }
    }

    // ---- every registered command, through the server ----

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void infoAndDocsOfEveryRegisteredCommandMatchRedis(int protocol) {
        try (Pair pair = new Pair(protocol)) {
            for (String name : registeredKnownToRedis()) {
                pair.assertSame(Kind.INFO, "COMMAND", "INFO", name);
                pair.assertSame(Kind.DOCS, "COMMAND", "DOCS", name);
            }
            pair.assertSame(Kind.INFO, "COMMAND", "INFO", "no-such-command", "get|x", "GET");
            pair.assertSame(Kind.DOCS, "COMMAND", "DOCS", "no-such-command");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void getKeysOfEveryRegisteredCommandMatchesRedis(int protocol) {
        try (Pair pair = new Pair(protocol)) {
            for (String name : registeredKnownToRedis()) {
                for (List<String> call : sampleCalls(name)) {
                    List<String> getKeys = new ArrayList<>(List.of("COMMAND", "GETKEYS"));
                    getKeys.addAll(call);
                    pair.assertSame(Kind.PLAIN, getKeys.toArray(String[]::new));
                    getKeys.set(1, "GETKEYSANDFLAGS");
                    pair.assertSame(Kind.PLAIN, getKeys.toArray(String[]::new));
                }
            }
            pair.assertSame(Kind.PLAIN, "COMMAND", "GETKEYS", "no-such-command", "k");
            pair.assertSame(Kind.PLAIN, "COMMAND", "GETKEYS", "command", "info", "x");
            pair.assertSame(Kind.PLAIN, "COMMAND", "GETKEYS", "command", "nosuch", "x");
            pair.assertSame(Kind.PLAIN, "COMMAND", "GETKEYS", "get");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void helpListErrorsAndCountMatchRedis(int protocol) {
        try (Pair pair = new Pair(protocol)) {
            pair.assertSame(Kind.PLAIN, "COMMAND", "HELP");
            pair.assertSame(Kind.PLAIN, "COMMAND", "LIST", "FILTERBY");
            pair.assertSame(Kind.PLAIN, "COMMAND", "LIST", "FILTERBY", "nope", "x");
            pair.assertSame(Kind.PLAIN, "COMMAND", "LIST", "FILTERBY", "module", "x");
            pair.assertSame(Kind.PLAIN, "COMMAND", "LIST", "FILTERBY", "aclcat", "@string");
            pair.assertSame(Kind.PLAIN, "COMMAND", "NOSUCH");
            pair.assertSame(Kind.PLAIN, "COMMAND", "COUNT", "extra");
            assertEquals(":" + diskdb.server().commands().topLevel().size() + "\r\n", pair.diskdb.call("COMMAND", "COUNT"));
        }
    }

    @Test
    void listIsRedisListRestrictedToRegisteredCommands() {
        try (Pair pair = new Pair(2)) {
            Set<String> supported = new TreeSet<>(registeredKnownToRedis());
            for (String[] filter : new String[][]{{}, {"FILTERBY", "ACLCAT", "connection"}, {"FILTERBY", "ACLCAT", "STRING"},
                    {"FILTERBY", "PATTERN", "c*"}, {"FILTERBY", "PATTERN", "*|*"}}) {
                List<String> args = new ArrayList<>(List.of("COMMAND", "LIST"));
                args.addAll(Arrays.asList(filter));
                Set<String> fromRedis = new TreeSet<>(Resp.parse(pair.redis.call(args.toArray(String[]::new))).texts());
                fromRedis.retainAll(supported);
                Set<String> fromDiskdb = new TreeSet<>(Resp.parse(pair.diskdb.call(args.toArray(String[]::new))).texts());
                fromDiskdb.retainAll(supported);
                assertEquals(fromRedis, fromDiskdb, String.join(" ", args));
            }
        }
    }

    // ---- every catalog row, whether registered yet or not ----

    /** Renders each row of the catalog as DiskDB would if every command were registered. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void everyCatalogRowRendersAsRedisDoes(int protocol) {
        CommandTable everything = new CommandTable(CommandCatalog.load());
        List<String> names = new ArrayList<>();
        redisCatalog.fields().forEachRemaining(row -> {
            names.add(row.getKey());
            everything.register(row.getKey(), ctx -> { });
            row.getValue().path("subcommands").fieldNames().forEachRemaining(sub -> {
                names.add(sub);
                everything.register(sub, ctx -> { });
            });
        });
        IntrospectionReplies replies = new IntrospectionReplies(everything);
        Set<String> keep = new LinkedHashSet<>(names);
        try (RawConnection connection = connect(redisPort, protocol)) {
            for (String name : names) {
                CommandSpec spec = everything.lookup(name).spec();
                String info = render(protocol, reply -> {
                    reply.arrayHeader(1);
                    replies.info(reply, spec);
                });
                assertEquals(Resp.parse(connection.call("COMMAND", "INFO", name)).canonical(Kind.INFO, keep),
                        Resp.parse(info).canonical(Kind.INFO, keep), "COMMAND INFO " + name);
                String docs = render(protocol, reply -> {
                    reply.mapHeader(1);
                    reply.bulk(name);
                    replies.docs(reply, spec);
                });
                assertEquals(Resp.parse(connection.call("COMMAND", "DOCS", name)).canonical(Kind.DOCS, keep),
                        Resp.parse(docs).canonical(Kind.DOCS, keep), "COMMAND DOCS " + name);
            }
        }
    }

    /** The key finder against Redis's COMMAND GETKEYSANDFLAGS, for sample calls of every catalog command. */
    @Test
    void everyCatalogCommandFindsTheKeysRedisFinds() {
        Map<String, CommandSpec> catalog = CommandCatalog.load();
        try (RawConnection connection = connect(redisPort, 2)) {
            redisCatalog.fields().forEachRemaining(row -> {
                List<String> names = new ArrayList<>(List.of(row.getKey()));
                row.getValue().path("subcommands").fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    int bar = name.indexOf('|');
                    CommandSpec spec = bar < 0 ? catalog.get(name) : catalog.get(name.substring(0, bar)).subcommands().get(name);
                    for (List<String> call : sampleCalls(name)) {
                        List<String> query = new ArrayList<>(List.of("COMMAND", "GETKEYSANDFLAGS"));
                        query.addAll(call);
                        String expected = connection.call(query.toArray(String[]::new));
                        assertEquals(expected, keysAndFlags(spec, call, expected), String.join(" ", call));
                    }
                }
            });
        }
    }

    /** What DiskDB finds, in the shape of Redis's reply; Redis's errors are kept when DiskDB finds no keys. */
    private static String keysAndFlags(CommandSpec spec, List<String> call, String redisReply) {
        byte[][] args = call.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        boolean arityError = redisReply.startsWith("-ERR Invalid number") || redisReply.startsWith("-ERR The command has no");
        KeySpecResult keys = spec.keys(args);
        if (arityError || (keys.isEmpty() && redisReply.startsWith("-"))) {
            return redisReply;
        }
        return render(2, reply -> {
            reply.arrayHeader(keys.count());
            for (int i = 0; i < keys.count(); i++) {
                reply.arrayHeader(2);
                reply.bulk(args[keys.position(i)]);
                reply.setHeader(keys.flags(i).size());
                keys.flags(i).forEach(reply::simple);
            }
        });
    }

    // ---- sample calls ----

    /** Realistic calls for the commands whose keys are hard to find; others get generic calls. */
    private static final Map<String, List<String>> REALISTIC = Map.ofEntries(
            Map.entry("mset", List.of("MSET a 1 b 2", "MSET a 1 b")),
            Map.entry("del", List.of("DEL a b c")),
            Map.entry("zunionstore", List.of("ZUNIONSTORE d 2 a b WEIGHTS 1 2", "ZUNIONSTORE d 3 a b", "ZUNIONSTORE d -1 a",
                    "ZUNIONSTORE d 1abc a")),
            Map.entry("zinter", List.of("ZINTER 2 a b WITHSCORES", "ZINTER 0 a")),
            Map.entry("lmpop", List.of("LMPOP 2 a b LEFT", "LMPOP 5 a LEFT")),
            Map.entry("zmpop", List.of("ZMPOP 1 z MIN COUNT 2")),
            Map.entry("eval", List.of("EVAL s 2 a b x", "EVAL s 0", "EVAL s -1 a", "EVAL s 5 a", "EVAL s 1abc k")),
            Map.entry("xread", List.of("XREAD COUNT 2 STREAMS a b 0 0", "XREAD STREAMS a", "XREAD BLOCK 0 STREAMS a b 0")),
            Map.entry("xreadgroup", List.of("XREADGROUP GROUP g c STREAMS a >", "XREADGROUP GROUP STREAMS c STREAMS k >")),
            Map.entry("sort", List.of("SORT k BY w_* GET # STORE dst", "SORT k BY store STORE dst", "SORT k LIMIT 0 1 STORE")),
            Map.entry("sort_ro", List.of("SORT_RO k BY x")),
            Map.entry("migrate", List.of("MIGRATE h 1 k 0 5000", "MIGRATE h 1  0 5000 COPY KEYS a b", "MIGRATE h 1 k 0 5 KEYS a")),
            Map.entry("georadius", List.of("GEORADIUS k 0 0 1 km STORE d", "GEORADIUS k 0 0 1 km STORE",
                    "GEORADIUS k 0 0 1 km STORE d STOREDIST e")),
            Map.entry("bitop", List.of("BITOP AND d a b")),
            Map.entry("set", List.of("SET k v", "SET k v NX GET", "SET k v get")),
            Map.entry("bitfield", List.of("BITFIELD k GET u8 0", "BITFIELD k GET u8 0 INCRBY u8 0 1", "BITFIELD k OVERFLOW")),
            Map.entry("object|encoding", List.of("OBJECT ENCODING k")),
            Map.entry("memory|usage", List.of("MEMORY USAGE k SAMPLES 5")));

    /** Calls of a command: generic ones of every length from its arity up to 4 more, plus realistic ones. */
    static List<List<String>> sampleCalls(String name) {
        List<String> prefix = new ArrayList<>(Arrays.asList(name.split("\\|")));
        JsonNode row = redisCatalog.get(prefix.get(0));
        if (prefix.size() > 1) {
            row = row.path("subcommands").get(name);
        }
        int arity = row.get("arity").asInt();
        List<List<String>> calls = new ArrayList<>();
        int minimum = Math.max(Math.abs(arity), prefix.size());
        int maximum = arity < 0 ? minimum + 4 : minimum;
        for (int argc = minimum; argc <= maximum; argc++) {
            List<String> call = new ArrayList<>(prefix);
            for (int i = call.size(); i < argc; i++) {
                call.add(i % 3 == 2 ? "1" : "k" + i);
            }
            calls.add(call);
        }
        for (String line : REALISTIC.getOrDefault(name, List.of())) {
            calls.add(Arrays.asList(line.split(" ", -1)));
        }
        return calls;
    }

    private static List<String> registeredKnownToRedis() {
        List<String> names = new ArrayList<>();
        for (Command command : diskdb.server().commands().all()) {
            String name = command.spec().name();
            int bar = name.indexOf('|');
            JsonNode row = redisCatalog.get(bar < 0 ? name : name.substring(0, bar));
            if (row != null && (bar < 0 || row.path("subcommands").has(name))) {
                names.add(name);
            }
        }
        return names;
    }

    // ---- plumbing ----

    private static String render(int protocol, java.util.function.Consumer<ReplyWriter> writer) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            ReplyWriter reply = new ReplyWriter(buffer);
            reply.protocol(protocol);
            writer.accept(reply);
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            buffer.release();
        }
    }

    private static RawConnection connect(int port, int protocol) {
        RawConnection connection = new RawConnection("127.0.0.1", port);
        if (protocol == 3) {
            connection.call("HELLO", "3");
        }
        return connection;
    }

    private enum Kind { PLAIN, INFO, DOCS }

    /** One connection to Redis and one to DiskDB, speaking the same protocol. */
    private static final class Pair implements AutoCloseable {
        final RawConnection redis;
        final RawConnection diskdb;
        final Set<String> keep = new LinkedHashSet<>(registeredKnownToRedis());

        Pair(int protocol) {
            redis = connect(redisPort, protocol);
            diskdb = connect(IntrospectionRedisDiffTest.diskdb.port(), protocol);
        }

        void assertSame(Kind kind, String... args) {
            String expected = redis.call(args);
            String actual = diskdb.call(args);
            if (kind != Kind.PLAIN) {
                expected = Resp.parse(expected).canonical(kind, keep);
                actual = Resp.parse(actual).canonical(kind, keep);
            }
            assertEquals(expected, actual, String.join(" ", args));
        }

        @Override
        public void close() {
            redis.close();
            diskdb.close();
        }
    }

    /** A parsed RESP2/RESP3 reply that can be written back exactly as it was read. */
    private record Resp(char type, String line, byte[] data, List<Resp> children) {
        static Resp parse(String reply) {
            int[] at = {0};
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            Resp value = read(bytes, at);
            if (at[0] != bytes.length) {
                throw new IllegalStateException("trailing bytes after reply: " + reply);
            }
            return value;
        }

        private static Resp read(byte[] bytes, int[] at) {
            char type = (char) bytes[at[0]];
            int end = at[0];
            while (bytes[end] != '\r') {
                end++;
            }
            String line = new String(bytes, at[0] + 1, end - at[0] - 1, StandardCharsets.UTF_8);
            at[0] = end + 2;
            switch (type) {
                case '$', '=', '!' -> {
                    int length = Integer.parseInt(line);
                    if (length < 0) {
                        return new Resp(type, line, null, List.of());
                    }
                    byte[] data = Arrays.copyOfRange(bytes, at[0], at[0] + length);
                    at[0] += length + 2;
                    return new Resp(type, line, data, List.of());
                }
                case '*', '~', '%', '>' -> {
                    int count = Integer.parseInt(line);
                    List<Resp> children = new ArrayList<>();
                    for (int i = 0; i < (type == '%' ? 2 * count : count); i++) {
                        children.add(read(bytes, at));
                    }
                    return new Resp(type, line, null, children);
                }
                default -> {
                    return new Resp(type, line, null, List.of());
                }
            }
        }

        String text() {
            return data != null ? new String(data, StandardCharsets.UTF_8) : line;
        }

        List<String> texts() {
            return children.stream().map(Resp::text).toList();
        }

        private boolean aggregate() {
            return "*~%>".indexOf(type) >= 0 && !line.startsWith("-");
        }

        private Resp withChildren(List<Resp> newChildren) {
            int count = type == '%' ? newChildren.size() / 2 : newChildren.size();
            return new Resp(type, String.valueOf(count), null, newChildren);
        }

        /** The reply as text, with nested subcommand lists reduced to {@code keep} and sorted. */
        String canonical(Kind kind, Set<String> keep) {
            Resp value = this;
            if (kind == Kind.INFO && aggregate()) {
                value = withChildren(children.stream().map(entry -> entry.infoEntry(keep)).toList());
            } else if (kind == Kind.DOCS && aggregate()) {
                List<Resp> pairs = new ArrayList<>(children);
                for (int i = 1; i < pairs.size(); i += 2) {
                    pairs.set(i, pairs.get(i).docsEntry(keep));
                }
                value = withChildren(pairs);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            value.write(out);
            return out.toString(StandardCharsets.UTF_8);
        }

        private Resp infoEntry(Set<String> keep) {
            if (!aggregate() || children.size() != 10 || children.get(9).children.isEmpty()) {
                return this;
            }
            List<Resp> entry = new ArrayList<>(children);
            Resp subcommands = children.get(9);
            entry.set(9, subcommands.withChildren(subcommands.children.stream()
                    .filter(sub -> keep.contains(sub.children.get(0).text()))
                    .sorted(Comparator.comparing(sub -> sub.children.get(0).text()))
                    .toList()));
            return withChildren(entry);
        }

        private Resp docsEntry(Set<String> keep) {
            List<Resp> fields = new ArrayList<>(children);
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if (fields.get(i).text().equals("subcommands")) {
                    Resp map = fields.get(i + 1);
                    List<List<Resp>> pairs = new ArrayList<>();
                    for (int j = 0; j + 1 < map.children.size(); j += 2) {
                        if (keep.contains(map.children.get(j).text())) {
                            pairs.add(List.of(map.children.get(j), map.children.get(j + 1)));
                        }
                    }
                    pairs.sort(Comparator.comparing(pair -> pair.get(0).text()));
                    fields.set(i + 1, map.withChildren(pairs.stream().flatMap(List::stream).toList()));
                }
            }
            return withChildren(fields);
        }

        private void write(ByteArrayOutputStream out) {
            out.writeBytes((type + line + "\r\n").getBytes(StandardCharsets.UTF_8));
            if (data != null) {
                out.writeBytes(data);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            children.forEach(child -> child.write(out));
        }
    }

}
