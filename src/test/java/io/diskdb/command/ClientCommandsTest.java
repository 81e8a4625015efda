package io.diskdb.command;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientCommandsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @Test
    void clientListFieldsAreRedisOnesInRedisOrder() throws Exception {
        List<String> redisList;
        List<String> redisInfo;
        try (RealRedis redis = RealRedis.start(); RawConnection raw = new RawConnection("127.0.0.1", redis.port)) {
            redisList = fieldNames(InfoCommandTest.bulkBody(raw.call("CLIENT", "LIST")));
            redisInfo = fieldNames(InfoCommandTest.bulkBody(raw.call("CLIENT", "INFO")));
        }
        List<String> expected = new ArrayList<>(redisList);
        // Redis 7.2 appends these two when CLIENT SETINFO exists, which DiskDB supports
        expected.addAll(List.of("lib-name", "lib-ver"));
        try (RawConnection raw = server.raw()) {
            assertEquals(expected, fieldNames(InfoCommandTest.bulkBody(raw.call("CLIENT", "LIST"))));
            assertEquals(redisInfo, redisList);
            assertEquals(expected, fieldNames(InfoCommandTest.bulkBody(raw.call("CLIENT", "INFO"))));
        }
    }

    @Test
    void clientInfoDescribesTheConnection() {
        try (RawConnection raw = server.raw()) {
            long id = Long.parseLong(raw.call("CLIENT", "ID").trim().substring(1));
            raw.call("SELECT", "2");
            String line = InfoCommandTest.bulkBody(raw.call("CLIENT", "INFO"));
            assertTrue(line.endsWith("\n") && !line.endsWith("\r\n"), line);
            Map<String, String> fields = fields(line);
            assertEquals(String.valueOf(id), fields.get("id"));
            assertEquals("2", fields.get("db"));
            assertEquals("client|info", fields.get("cmd"));
            assertEquals("default", fields.get("user"));
            assertEquals("2", fields.get("resp"));
            assertEquals("N", fields.get("flags"));
            assertEquals("127.0.0.1:" + server.port(), fields.get("laddr"));
            assertTrue(fields.get("addr").startsWith("127.0.0.1:"));
        }
    }

    @Test
    void listShowsEachClientsLastCommand() {
        try (RawConnection a = server.raw(); RawConnection b = server.raw()) {
            long idA = id(a);
            a.call("GET", "somekey");
            String listed = InfoCommandTest.bulkBody(b.call("CLIENT", "LIST", "ID", String.valueOf(idA)));
            assertEquals("get", fields(listed).get("cmd"));
            a.call("NOSUCHCOMMAND");
            assertEquals("NULL", fields(InfoCommandTest.bulkBody(b.call("CLIENT", "LIST", "ID", String.valueOf(idA)))).get("cmd"));
            String all = InfoCommandTest.bulkBody(b.call("CLIENT", "LIST"));
            assertTrue(all.contains("id=" + idA + " "));
            assertTrue(all.contains("id=" + id(b) + " "));
            assertEquals(all.lines().count(), InfoCommandTest.bulkBody(b.call("CLIENT", "LIST", "TYPE", "normal")).lines().count());
            assertEquals("$0\r\n\r\n", b.call("CLIENT", "LIST", "TYPE", "pubsub"));
            assertEquals("$0\r\n\r\n", b.call("CLIENT", "LIST", "ID", "999999"));
        }
    }

    @Test
    void listRejectsBadArguments() {
        try (RawConnection raw = server.raw()) {
            assertEquals("-ERR Unknown client type 'bogus'\r\n", raw.call("CLIENT", "LIST", "TYPE", "bogus"));
            assertEquals("-ERR Invalid client ID\r\n", raw.call("CLIENT", "LIST", "ID", "x"));
            assertEquals("-ERR syntax error\r\n", raw.call("CLIENT", "LIST", "foo"));
            assertEquals("-ERR syntax error\r\n", raw.call("CLIENT", "LIST", "ID"));
            assertEquals("-ERR unknown subcommand 'FOO'. Try CLIENT HELP.\r\n", raw.call("CLIENT", "FOO"));
        }
    }

    @Test
    void namesAndLibraryInfoShowInClientList() {
        try (RawConnection raw = server.raw()) {
            assertEquals("$-1\r\n", raw.call("CLIENT", "GETNAME"));
            assertEquals("+OK\r\n", raw.call("CLIENT", "SETNAME", "worker-1"));
            assertEquals("$8\r\nworker-1\r\n", raw.call("CLIENT", "GETNAME"));
            assertEquals("+OK\r\n", raw.call("CLIENT", "SETINFO", "LIB-NAME", "jedis"));
            assertEquals("+OK\r\n", raw.call("CLIENT", "SETINFO", "lib-ver", "5.1.0"));
            Map<String, String> fields = fields(InfoCommandTest.bulkBody(raw.call("CLIENT", "INFO")));
            assertEquals("worker-1", fields.get("name"));
            assertEquals("jedis", fields.get("lib-name"));
            assertEquals("5.1.0", fields.get("lib-ver"));
            assertEquals("-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
                    raw.call("CLIENT", "SETNAME", "two words"));
            assertEquals("-ERR lib-ver cannot contain spaces, newlines or special characters.\r\n",
                    raw.call("CLIENT", "SETINFO", "lib-ver", "1\n2"));
            assertEquals("-ERR Unrecognized option 'lib-color'\r\n", raw.call("CLIENT", "SETINFO", "lib-color", "red"));
            assertEquals("+OK\r\n", raw.call("CLIENT", "SETNAME", ""));
            assertEquals("$-1\r\n", raw.call("CLIENT", "GETNAME"));
            assertEquals("", fields(InfoCommandTest.bulkBody(raw.call("CLIENT", "INFO"))).get("name"));
        }
    }

    @Test
    void jedisConnectsAndNamesItself() {
        try (var jedis = server.jedis()) {
            jedis.clientSetname("from-jedis");
            assertEquals("from-jedis", jedis.clientGetname());
            assertTrue(jedis.clientList().contains("name=from-jedis "));
        }
    }

    @Test
    void killByIdClosesOnlyThatConnection() {
        try (RawConnection killer = server.raw(); RawConnection victim = server.raw(); RawConnection bystander = server.raw()) {
            assertEquals(":1\r\n", killer.call("CLIENT", "KILL", "ID", String.valueOf(id(victim))));
            assertTrue(victim.isClosedByServer());
            assertEquals("+PONG\r\n", bystander.call("PING"));
            assertEquals("+PONG\r\n", killer.call("PING"));
            assertEquals(":0\r\n", killer.call("CLIENT", "KILL", "ID", "999999"));
        }
    }

    @Test
    void killByAddressOldAndNewForm() {
        try (RawConnection killer = server.raw(); RawConnection first = server.raw(); RawConnection second = server.raw()) {
            assertEquals("+OK\r\n", killer.call("CLIENT", "KILL", addr(killer, first)));
            assertTrue(first.isClosedByServer());
            assertEquals(":1\r\n", killer.call("CLIENT", "KILL", "ADDR", addr(killer, second), "SKIPME", "yes"));
            assertTrue(second.isClosedByServer());
            assertEquals("-ERR No such client\r\n", killer.call("CLIENT", "KILL", "10.9.8.7:6"));
            assertEquals(":0\r\n", killer.call("CLIENT", "KILL", "LADDR", "10.9.8.7:6"));
            assertEquals("+PONG\r\n", killer.call("PING"));
        }
    }

    @Test
    void killByUserSkipsTheCallerUnlessAsked() {
        try (TestServer own = TestServer.start();
             RawConnection killer = own.raw(); RawConnection a = own.raw(); RawConnection b = own.raw()) {
            a.call("PING");
            b.call("PING");
            assertEquals(":2\r\n", killer.call("CLIENT", "KILL", "USER", "default"));
            assertTrue(a.isClosedByServer());
            assertTrue(b.isClosedByServer());
            assertEquals("+PONG\r\n", killer.call("PING"));
            // killing yourself: the count is replied, then the connection closes
            assertEquals(":1\r\n", killer.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "no"));
            assertTrue(killer.isClosedByServer());
        }
    }

    @Test
    void killRejectsBadFilters() {
        try (RawConnection raw = server.raw()) {
            assertEquals("-ERR client-id should be greater than 0\r\n", raw.call("CLIENT", "KILL", "ID", "0"));
            assertEquals("-ERR client-id should be greater than 0\r\n", raw.call("CLIENT", "KILL", "ID", "x"));
            assertEquals("-ERR No such user 'nobody'\r\n", raw.call("CLIENT", "KILL", "USER", "nobody"));
            assertEquals("-ERR Unknown client type 'bogus'\r\n", raw.call("CLIENT", "KILL", "TYPE", "bogus"));
            assertEquals("-ERR syntax error\r\n", raw.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "maybe"));
            assertEquals("-ERR syntax error\r\n", raw.call("CLIENT", "KILL", "ID", "1", "extra"));
            assertEquals("-ERR syntax error\r\n", raw.call("CLIENT", "KILL", "MAXAGE", "10"));
            assertEquals("+PONG\r\n", raw.call("PING"));
        }
    }

    @Test
    void replySkipDropsOnlyTheNextReply() {
        try (RawConnection raw = server.raw()) {
            raw.send("CLIENT", "REPLY", "SKIP").send("PING", "dropped").send("PING", "kept");
            assertEquals("$4\r\nkept\r\n", raw.readReply());
        }
    }

    @Test
    void replyOffDropsEverythingUntilOn() {
        try (RawConnection raw = server.raw()) {
            raw.send("CLIENT", "REPLY", "OFF").send("PING").send("NOSUCHCOMMAND").send("SET", "reply-off", "1");
            raw.send("CLIENT", "REPLY", "SKIP"); // ignored while replies are off
            assertEquals("+OK\r\n", raw.call("CLIENT", "REPLY", "ON"));
            assertEquals("$1\r\n1\r\n", raw.call("GET", "reply-off"));
            assertEquals("-ERR syntax error\r\n", raw.call("CLIENT", "REPLY", "maybe"));
        }
    }

    @Test
    void smallSubcommands() {
        try (RawConnection raw = server.raw()) {
            assertEquals("+OK\r\n", raw.call("CLIENT", "NO-EVICT", "on"));
            assertEquals("+OK\r\n", raw.call("CLIENT", "NO-EVICT", "OFF"));
            assertEquals("-ERR syntax error\r\n", raw.call("CLIENT", "NO-EVICT", "x"));
            String help = raw.call("CLIENT", "HELP");
            assertTrue(help.startsWith("*") && help.contains("+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"));
            assertTrue(help.endsWith("+HELP\r\n+    Prints this help.\r\n"));
        }
    }

    private static long id(RawConnection raw) {
        String reply = raw.call("CLIENT", "ID");
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }

    /** The server-side "addr" of {@code target}, read through {@code observer}. */
    private static String addr(RawConnection observer, RawConnection target) {
        String line = InfoCommandTest.bulkBody(observer.call("CLIENT", "LIST", "ID", String.valueOf(id(target))));
        return fields(line).get("addr");
    }

    private static List<String> fieldNames(String lines) {
        return Arrays.stream(lines.lines().findFirst().orElseThrow().split(" "))
                .map(field -> field.substring(0, field.indexOf('='))).toList();
    }

    private static Map<String, String> fields(String lines) {
        return Arrays.stream(lines.lines().findFirst().orElseThrow().split(" "))
                .collect(Collectors.toMap(f -> f.substring(0, f.indexOf('=')), f -> f.substring(f.indexOf('=') + 1)));
    }

    /** A real redis-server (on PATH) on a free port, for comparing formats; stopped on close. */
    static final class RealRedis implements AutoCloseable {
        final int port;
        private final Process process;

        private RealRedis(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static RealRedis start() throws IOException, InterruptedException {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--save", "",
                    "--appendonly", "no", "--bind", "127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            RealRedis redis = new RealRedis(port, process);
            long deadline = System.currentTimeMillis() + 10_000;
            while (true) {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return redis;
                } catch (IOException e) {
                    if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                        redis.close();
                        throw new IOException("redis-server did not start on port " + port, e);
                    }
                    Thread.sleep(50);
                }
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
