package io.diskdb.acl;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.ServerPerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ACL LOG: what gets logged, the entries' fields, grouping and acllog-max-len, as Redis 7.0.15 answers. */
class AclLogCommandTest {
    private static final String WRONGPASS = "-WRONGPASS invalid username-password pair or user is disabled.\r\n";

    @RegisterExtension
    final ServerPerTest server = new ServerPerTest();

    @BeforeEach
    void start() {
        server.call("ACL", "SETUSER", "alice", "on", ">p1", "~cache:*", "&chan:*", "+@read", "-get", "+set", "+multi",
                "+exec", "+publish", "+client|id");
    }

    @Test
    void failedLoginsAreLoggedWithTheNameTriedAndTheCommandAsTyped() {
        try (RawConnection client = server.raw()) {
            assertEquals(WRONGPASS, client.call("auth", "alice", "bad"));
            assertEquals(WRONGPASS, client.call("HELLO", "3", "AUTH", "nobody", "x"));
            assertEquals("+OK\r\n", client.call("AUTH", "alice", "p1"));
        }
        List<Map<String, String>> log = entries(server.call("ACL", "LOG"));
        assertEquals(2, log.size());
        assertEquals(fields("1", "auth", "toplevel", "HELLO", "nobody"), core(log.get(0)));
        assertEquals(fields("1", "auth", "toplevel", "auth", "alice"), core(log.get(1)));
        assertTrue(log.get(1).get("client-info").contains(" cmd=auth user=default "), log.get(1).get("client-info"));
    }

    @Test
    void refusedCommandsKeysAndChannelsAreLoggedNewestFirst() {
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            String id = alice.call("CLIENT", "ID").substring(1).trim();
            alice.call("GET", "cache:1");
            alice.call("SET", "other", "v");
            alice.call("PUBLISH", "news", "m");
            alice.call("CLIENT", "LIST");
            List<Map<String, String>> log = entries(server.call("ACL", "LOG"));
            assertEquals(List.of(
                    fields("1", "command", "toplevel", "client|list", "alice"),
                    fields("1", "channel", "toplevel", "news", "alice"),
                    fields("1", "key", "toplevel", "other", "alice"),
                    fields("1", "command", "toplevel", "get", "alice")), log.stream().map(AclLogCommandTest::core).toList());
            String info = log.get(0).get("client-info");
            assertTrue(info.startsWith("id=" + id + " addr="), info);
            assertTrue(info.contains(" flags=N db=0 ") && info.contains(" multi=-1 ")
                    && info.contains(" cmd=client|list user=alice "), info);
        }
    }

    @Test
    void repeatsAreGroupedAndAgesCount() throws Exception {
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            alice.call("GET", "cache:1");
            alice.call("SET", "other", "v");
            Thread.sleep(50);
            alice.call("GET", "cache:2");
        }
        List<Map<String, String>> log = entries(server.call("ACL", "LOG"));
        assertEquals(List.of(fields("2", "command", "toplevel", "get", "alice"),
                fields("1", "key", "toplevel", "other", "alice")), log.stream().map(AclLogCommandTest::core).toList());
        double newer = Double.parseDouble(log.get(0).get("age-seconds"));
        double older = Double.parseDouble(log.get(1).get("age-seconds"));
        assertTrue(newer >= 0 && older >= newer + 0.04 && older < 60, newer + " " + older);
    }

    @Test
    void refusalsWhileQueuingAreInTheMultiContext() {
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            alice.call("MULTI");
            alice.call("SET", "cache:1", "v");
            alice.call("GET", "cache:1");
            assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n", alice.call("EXEC"));
        }
        Map<String, String> entry = entries(server.call("ACL", "LOG")).get(0);
        assertEquals(fields("1", "command", "multi", "get", "alice"), core(entry));
        assertTrue(entry.get("client-info").contains(" flags=x db=0 sub=0 psub=0 ssub=0 multi=1 "), entry.get("client-info"));
    }

    @Test
    void countArgumentResetAndErrors() {
        try (RawConnection client = server.raw()) {
            for (int i = 0; i < 12; i++) {
                client.call("AUTH", "user" + i, "x");
            }
        }
        assertEquals(10, entries(server.call("ACL", "LOG")).size(), "10 entries unless asked for more");
        assertEquals(12, entries(server.call("ACL", "LOG", "100")).size());
        List<Map<String, String>> two = entries(server.call("ACL", "LOG", "2"));
        assertEquals(List.of("user11", "user10"), two.stream().map(e -> e.get("username")).toList());
        assertEquals("*0\r\n", server.call("ACL", "LOG", "0"));
        assertEquals("*0\r\n", server.call("ACL", "LOG", "-1"));
        assertEquals("-ERR value is not an integer or out of range\r\n", server.call("ACL", "LOG", "ten"));
        assertEquals("-ERR unknown subcommand or wrong number of arguments for 'log'. Try ACL HELP.\r\n",
                server.call("ACL", "log", "1", "2"));
        assertEquals("+OK\r\n", server.call("ACL", "LOG", "reset"));
        assertEquals("*0\r\n", server.call("ACL", "LOG"));
    }

    @Test
    void resp3RepliesAreMapsWithANativeDoubleAge() {
        try (RawConnection client = server.raw()) {
            client.call("AUTH", "zed", "x");
        }
        server.call("HELLO", "3");
        String reply = server.call("ACL", "LOG");
        assertTrue(reply.matches("(?s)\\*1\r\n%7\r\n\\$5\r\ncount\r\n:1\r\n\\$6\r\nreason\r\n\\$4\r\nauth\r\n"
                + "\\$7\r\ncontext\r\n\\$8\r\ntoplevel\r\n\\$6\r\nobject\r\n\\$4\r\nAUTH\r\n\\$8\r\nusername\r\n\\$3\r\nzed\r\n"
                + "\\$11\r\nage-seconds\r\n,[0-9.e-]+\r\n\\$11\r\nclient-info\r\n\\$\\d+\r\nid=.*\r\n"), reply);
    }

    @Test
    void acllogMaxLenBoundsTheLogFromTheNextEntry() {
        assertEquals("*2\r\n$14\r\nacllog-max-len\r\n$3\r\n128\r\n", server.call("CONFIG", "GET", "acllog-max-len"));
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'acllog-max-len') - argument must be "
                + "between 0 and 9223372036854775807 inclusive\r\n", server.call("CONFIG", "SET", "acllog-max-len", "-1"));
        assertEquals("-ERR CONFIG SET failed (possibly related to argument 'acllog-max-len') - argument couldn't be "
                + "parsed into an integer\r\n", server.call("CONFIG", "SET", "acllog-max-len", "1k"));
        try (RawConnection client = server.raw()) {
            client.call("AUTH", "a", "x");
            client.call("AUTH", "b", "x");
            client.call("AUTH", "c", "x");
            assertEquals("+OK\r\n", server.call("CONFIG", "SET", "acllog-max-len", "2"));
            assertEquals(3, entries(server.call("ACL", "LOG")).size(), "nothing is trimmed until the next entry");
            client.call("AUTH", "d", "x");
        }
        assertEquals(List.of("d", "c"), entries(server.call("ACL", "LOG")).stream().map(e -> e.get("username")).toList());
        assertEquals("*2\r\n$14\r\nacllog-max-len\r\n$1\r\n2\r\n", server.call("CONFIG", "GET", "acllog-max-len"));
    }

    private static Map<String, String> fields(String count, String reason, String context, String object, String user) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("count", count);
        fields.put("reason", reason);
        fields.put("context", context);
        fields.put("object", object);
        fields.put("username", user);
        return fields;
    }

    /** The fields of an entry that do not depend on timing or the connection, in reply order. */
    private static Map<String, String> core(Map<String, String> entry) {
        Map<String, String> core = new LinkedHashMap<>(entry);
        assertEquals(List.of("count", "reason", "context", "object", "username", "age-seconds", "client-info"),
                List.copyOf(entry.keySet()), "Redis 7.0's fields, in its order");
        core.remove("age-seconds");
        core.remove("client-info");
        return core;
    }

    /** The entries of a RESP2 ACL LOG reply, each as its fields in reply order. */
    static List<Map<String, String>> entries(String reply) {
        String[] lines = reply.split("\r\n");
        List<Map<String, String>> entries = new ArrayList<>();
        int i = 1;
        while (i < lines.length) {
            assertEquals("*14", lines[i++], reply);
            Map<String, String> entry = new LinkedHashMap<>();
            for (int f = 0; f < 7; f++) {
                String name = lines[i + 1];
                i += 2;
                String value = lines[i].startsWith(":") ? lines[i].substring(1) : lines[i + 1];
                i += lines[i].startsWith(":") ? 1 : 2;
                entry.put(name, value);
            }
            entries.add(entry);
        }
        assertEquals(lines[0], "*" + entries.size());
        return entries;
    }
}
