package io.diskdb.acl;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.ServerPerTest;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ACL commands and permission checks as Redis 7.0.15 answers them (replies copied from redis-server). */
class AclCommandsTest {
    private static final String P1_HASH = "f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a";

    @RegisterExtension
    final ServerPerTest server = new ServerPerTest();

    @Test
    void getUserHasRedis70Shape() {
        assertEquals("+OK\r\n", server.call("ACL", "SETUSER", "alice", "on", ">p1", "~cache:*", "&chan:*", "+@read",
                "-get", "+set", "%R~r:*"));
        assertEquals("*12\r\n$5\r\nflags\r\n*1\r\n$2\r\non\r\n$9\r\npasswords\r\n*1\r\n$64\r\n" + P1_HASH + "\r\n"
                + "$8\r\ncommands\r\n$22\r\n-@all +@read -get +set\r\n$4\r\nkeys\r\n$15\r\n~cache:* %R~r:*\r\n"
                + "$8\r\nchannels\r\n$7\r\n&chan:*\r\n$9\r\nselectors\r\n*0\r\n", server.call("ACL", "GETUSER", "alice"));
        assertEquals("*12\r\n$5\r\nflags\r\n*2\r\n$2\r\non\r\n$6\r\nnopass\r\n$9\r\npasswords\r\n*0\r\n"
                + "$8\r\ncommands\r\n$5\r\n+@all\r\n$4\r\nkeys\r\n$2\r\n~*\r\n$8\r\nchannels\r\n$2\r\n&*\r\n"
                + "$9\r\nselectors\r\n*0\r\n", server.call("ACL", "GETUSER", "default"));
        assertEquals("$-1\r\n", server.call("ACL", "GETUSER", "nobody"));
        server.call("HELLO", "3");
        assertTrue(server.call("ACL", "GETUSER", "alice").startsWith("%6\r\n$5\r\nflags\r\n~1\r\n$2\r\non\r\n"));
    }

    @Test
    void aPatternGivenAgainKeepsItsPlaceAndGainsPermissions() {
        server.call("ACL", "SETUSER", "kim", "%R~a*", "~b*", "%W~a*", "~c*", "%R~c*", "%w~d*");
        assertEquals("user kim off ~a* ~b* ~c* %W~d* resetchannels -@all", bulks(server.call("ACL", "LIST")).get(1),
                "adding write access to a read pattern does not take the read access away");
        server.call("ACL", "SETUSER", "kim", "%R~*", "%W~*");
        assertEquals("user kim off ~* resetchannels -@all", bulks(server.call("ACL", "LIST")).get(1));
    }

    @Test
    void rulesThatNoLongerMakeADifferenceAreNotShown() {
        assertEquals("-@all +@read", commandsOf("+@read", "+get"), "+get changed nothing");
        assertEquals("-@all +@read", commandsOf("+get", "+@read"), "+@read set get again");
        assertEquals("-@all", commandsOf("nocommands", "+get", "-@read"));
        assertEquals("+@all", commandsOf("+@all", "-@dangerous", "+@dangerous"));
        assertEquals("+@all -@read +get", commandsOf("+@all", "-@read", "+get"));
        assertEquals("-@all +@string -set", commandsOf("+@string", "-set"));
        assertEquals("-@all +select|0", commandsOf("+select|0"));
        assertEquals("-@all", commandsOf("+select|0", "-select"), "the whole command's rule decides");
    }

    private String commandsOf(String... rules) {
        server.call("ACL", "DELUSER", "r");
        List<String> setUser = new java.util.ArrayList<>(List.of("ACL", "SETUSER", "r"));
        setUser.addAll(List.of(rules));
        assertEquals("+OK\r\n", server.call(setUser.toArray(String[]::new)));
        String line = bulks(server.call("ACL", "LIST")).get(1);
        return line.substring(line.indexOf(" resetchannels ") + " resetchannels ".length());
    }

    @Test
    void listDescribesUsersInAclFileSyntaxSortedByName() {
        server.call("ACL", "SETUSER", "alice", "on", ">p1", "~cache:*", "&chan:*", "+@read", "-get", "+set", "%R~r:*");
        server.call("ACL", "SETUSER", "bob");
        server.call("ACL", "SETUSER", "dave", "on", "nopass", "~a*", "%W~w*", "%RW~b*", "+get", "+set", "-get", "+get",
                "nocommands", "+set");
        assertEquals(List.of(
                "user alice on #" + P1_HASH + " ~cache:* %R~r:* resetchannels &chan:* -@all +@read -get +set",
                "user bob off resetchannels -@all",
                "user dave on nopass ~a* %W~w* ~b* resetchannels -@all +set",
                "user default on nopass ~* &* +@all"), bulks(server.call("ACL", "LIST")));
        assertEquals(List.of("alice", "bob", "dave", "default"), bulks(server.call("ACL", "USERS")));
    }

    @Test
    void payloadSanitizingIsAFlagThatReadsBackAndSurvivesARestart() throws Exception {
        server.call("ACL", "SETUSER", "erin", "reset", "on", "nopass", "~*", "+get");
        assertTrue(server.call("ACL", "GETUSER", "erin").startsWith("*12\r\n$5\r\nflags\r\n*3\r\n$2\r\non\r\n"
                + "$6\r\nnopass\r\n$16\r\nsanitize-payload\r\n"), "reset sets sanitize-payload, as in Redis");
        server.call("ACL", "SETUSER", "frank", "on", "skip-sanitize-payload", "sanitize-payload", "skip-sanitize-payload");
        List<String> expected = List.of("user erin on nopass sanitize-payload ~* resetchannels -@all +get",
                "user frank on skip-sanitize-payload resetchannels -@all");
        assertEquals(expected, bulks(server.call("ACL", "LIST")).subList(1, 3));
        server.restart();
        assertEquals(expected, bulks(server.call("ACL", "LIST")).subList(1, 3));
    }

    @Test
    void badRulesAreRejectedWithRedisWordsAndChangeNothing() {
        assertEquals("-ERR Error in ACL SETUSER modifier 'foo': Syntax error\r\n",
                server.call("ACL", "SETUSER", "carol", "on", "foo"));
        assertEquals("$-1\r\n", server.call("ACL", "GETUSER", "carol"), "a failed SETUSER creates nothing");
        assertEquals("+OK\r\n", server.call("ACL", "SETUSER", "carol", ""), "an empty rule changes nothing");
        assertEquals("user carol off resetchannels -@all", bulks(server.call("ACL", "LIST")).get(0));
        server.call("ACL", "DELUSER", "carol");
        assertEquals("-ERR Error in ACL SETUSER modifier '+nonexist': Unknown command or category name in ACL\r\n",
                server.call("ACL", "SETUSER", "carol", "+nonexist"));
        assertEquals("-ERR Error in ACL SETUSER modifier '+@nonexist': Unknown command or category name in ACL\r\n",
                server.call("ACL", "SETUSER", "carol", "+@nonexist"));
        assertEquals("-ERR Error in ACL SETUSER modifier '#aaaa': The password hash must be exactly 64 characters "
                + "and contain only lowercase hexadecimal characters\r\n", server.call("ACL", "SETUSER", "carol", "#aaaa"));
        assertEquals("-ERR Error in ACL SETUSER modifier '<zz': The password you are trying to remove from the user "
                + "does not exist\r\n", server.call("ACL", "SETUSER", "carol", "<zz"));
        assertEquals("-ERR Error in ACL SETUSER modifier '~x': Adding a pattern after the * pattern (or the 'allkeys' "
                + "flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of "
                + "patterns\r\n", server.call("ACL", "SETUSER", "carol", "allkeys", "~x"));
        assertEquals("-ERR Error in ACL SETUSER modifier '&x': Adding a pattern after the * pattern (or the "
                + "'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an "
                + "empty list of channels\r\n", server.call("ACL", "SETUSER", "carol", "allchannels", "&x"));
        assertEquals("-ERR Usernames can't contain spaces or null characters\r\n",
                server.call("ACL", "SETUSER", "a b"));
        assertEquals("-ERR Usernames can't contain spaces or null characters\r\n",
                server.call("ACL", "SETUSER", "a\tb"));
        assertEquals("-ERR Error in ACL SETUSER modifier '~a b': Syntax error\r\n",
                server.call("ACL", "SETUSER", "carol", "~a b"), "it could not be one word of the ACL file");
        assertEquals("-ERR Error in ACL SETUSER modifier '&a b': Syntax error\r\n",
                server.call("ACL", "SETUSER", "carol", "&a\nb"), "a newline, shown as a space in the error as Redis does");
        assertEquals("-ERR Error in ACL SETUSER modifier '%RWR~x': Syntax error\r\n",
                server.call("ACL", "SETUSER", "carol", "%RWR~x"));
        assertEquals("-ERR Error in ACL SETUSER modifier '%~x': Syntax error\r\n",
                server.call("ACL", "SETUSER", "carol", "%~x"));
        assertEquals("-ERR wrong number of arguments for 'acl|setuser' command\r\n", server.call("ACL", "SETUSER"));
    }

    @Test
    void passwordRulesAndAuth() {
        server.call("ACL", "SETUSER", "carol", "on", ">one", ">two", "<one", "#" + P1_HASH);
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                server.raw().call("AUTH", "carol", "one"));
        server.loggedIn("carol", "two").close();
        server.loggedIn("carol", "p1").close();
        server.call("ACL", "SETUSER", "carol", "off");
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                server.raw().call("AUTH", "carol", "two"));
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                server.raw().call("AUTH", "nosuch", "x"));
        server.call("ACL", "SETUSER", "carol", "on", "resetpass");
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                server.raw().call("AUTH", "carol", "two"), "resetpass leaves no password to log in with");
        server.call("ACL", "SETUSER", "carol", "nopass");
        server.loggedIn("carol", "anything").close();
    }

    @Test
    void commandCategoryAndSubcommandPermissions() {
        server.call("ACL", "SETUSER", "alice", "on", ">p1", "allkeys", "+@read", "-get", "+set", "+client|id",
                "+select|0", "+acl|whoami");
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            assertEquals("-NOPERM this user has no permissions to run the 'get' command\r\n", alice.call("GET", "x"));
            assertEquals("$-1\r\n", alice.call("HGET", "h", "f"), "+@read allows HGET");
            assertEquals("+OK\r\n", alice.call("SET", "x", "1"));
            assertEquals("-NOPERM this user has no permissions to run the 'del' command\r\n", alice.call("DEL", "x"));
            assertTrue(alice.call("CLIENT", "ID").startsWith(":"));
            assertEquals("-NOPERM this user has no permissions to run the 'client|list' command\r\n",
                    alice.call("CLIENT", "LIST"));
            assertEquals("+OK\r\n", alice.call("SELECT", "0"));
            assertEquals("-NOPERM this user has no permissions to run the 'select' command\r\n",
                    alice.call("SELECT", "1"));
            assertEquals("$5\r\nalice\r\n", alice.call("ACL", "WHOAMI"));
            assertEquals("-NOPERM this user has no permissions to run the 'acl|getuser' command\r\n",
                    alice.call("ACL", "GETUSER", "alice"));
            // arity is checked before permissions, as in Redis
            assertEquals("-ERR wrong number of arguments for 'get' command\r\n", alice.call("GET"));
        }
    }

    @Test
    void keyPatternsFollowTheKeysTheCommandTableFinds() {
        server.call("ACL", "SETUSER", "alice", "on", ">p1", "~cache:*", "%R~r:*", "%W~w:*", "+@all");
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            String noKey = "-NOPERM this user has no permissions to access one of the keys used as arguments\r\n";
            assertEquals("+OK\r\n", alice.call("SET", "cache:1", "v"));
            assertEquals(noKey, alice.call("SET", "other", "v"));
            assertEquals(noKey, alice.call("MSET", "cache:2", "v", "other", "v"));
            assertEquals("$-1\r\n", alice.call("GET", "r:1"));
            assertEquals(noKey, alice.call("SET", "r:1", "v"), "%R~ grants no writes");
            assertEquals("+OK\r\n", alice.call("SET", "w:1", "v"));
            assertEquals(noKey, alice.call("GET", "w:1"), "%W~ grants no reads");
            assertEquals(noKey, alice.call("COPY", "w:1", "cache:3"), "the source must be readable");
            assertEquals(":0\r\n", alice.call("COPY", "r:1", "w:2"), "read the source, write the destination");
            assertEquals(":1\r\n", alice.call("EXISTS", "w:1"), "EXISTS neither reads nor writes the value");
        }
    }

    @Test
    void deniedCommandInsideMultiAbortsExec() {
        server.call("ACL", "SETUSER", "alice", "on", ">p1", "allkeys", "+multi", "+exec", "+set");
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            alice.call("MULTI");
            assertEquals("-NOPERM this user has no permissions to run the 'get' command\r\n", alice.call("GET", "x"));
            assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n", alice.call("EXEC"));
        }
    }

    @Test
    void dryRunAnswersWithoutRunning() {
        server.call("ACL", "SETUSER", "alice", "on", ">p1", "~cache:*", "%R~r:*", "&news:*", "+@read", "-get", "+set",
                "+publish");
        assertEquals(bulk("This user has no permissions to run the 'get' command"),
                server.call("ACL", "DRYRUN", "alice", "get", "x"));
        assertEquals("+OK\r\n", server.call("ACL", "DRYRUN", "alice", "set", "cache:1", "v"));
        assertEquals("$-1\r\n", server.call("GET", "cache:1"), "DRYRUN runs nothing");
        assertEquals(bulk("This user has no permissions to access the 'r:1' key"),
                server.call("ACL", "DRYRUN", "alice", "set", "r:1", "v"));
        assertEquals(bulk("This user has no permissions to access the 'other' channel"),
                server.call("ACL", "DRYRUN", "alice", "publish", "other", "m"));
        assertEquals("+OK\r\n", server.call("ACL", "DRYRUN", "alice", "publish", "news:1", "m"));
        assertEquals(bulk("This user has no permissions to run the 'client|list' command"),
                server.call("ACL", "DRYRUN", "alice", "client", "list"));
        assertEquals("-ERR User 'nobody' not found\r\n", server.call("ACL", "DRYRUN", "nobody", "get", "a"));
        assertEquals("-ERR Command 'foo' not found\r\n", server.call("ACL", "DRYRUN", "alice", "foo"));
        assertEquals("-ERR wrong number of arguments for 'get' command\r\n", server.call("ACL", "DRYRUN", "alice", "get"));
        assertEquals("-ERR Command 'CONFIG' not found\r\n", server.call("ACL", "DRYRUN", "alice", "CONFIG", "FOO"),
                "an unknown subcommand makes the container unknown, as the client typed it");
        assertEquals("-ERR wrong number of arguments for 'config' command\r\n",
                server.call("ACL", "DRYRUN", "alice", "config"));
        assertEquals("+OK\r\n", server.call("ACL", "DRYRUN", "alice", "auth", "bob", "pw"),
                "AUTH and HELLO are open to every user");
    }

    @Test
    void channelPermissions() {
        AclRegistry acl = server.server().acl();
        server.call("ACL", "SETUSER", "erin", "on", "nopass", "&news:*", "+@all");
        AclUser erin = acl.user("erin");
        assertTrue(erin.permitsChannel(bytes("news:1"), false));
        assertFalse(erin.permitsChannel(bytes("other"), false));
        assertTrue(erin.permitsChannel(bytes("news:*"), true), "a pattern equal to an allowed one");
        assertFalse(erin.permitsChannel(bytes("*"), true), "a wider pattern is refused even though it matches");
        assertTrue(acl.user("default").permitsChannel(bytes("anything"), true));
    }

    @Test
    void delUserClosesItsClientsAndDefaultStays() {
        server.call("ACL", "SETUSER", "alice", "on", ">p1", "+@all", "~*");
        RawConnection alice = server.loggedIn("alice", "p1");
        assertEquals("-ERR The 'default' user cannot be removed\r\n", server.call("ACL", "DELUSER", "default"));
        assertEquals(":1\r\n", server.call("ACL", "DELUSER", "alice", "nobody"));
        assertTrue(alice.isClosedByServer());
        alice.close();
        assertEquals(":0\r\n", server.call("ACL", "DELUSER", "alice"));
    }

    @Test
    void subscribersWhoLoseAccessToASubscriptionAreDisconnected() {
        server.call("ACL", "SETUSER", "sub", "on", ">p", "&chan:*", "+@pubsub", "+ping");
        try (RawConnection channel = server.loggedIn("sub", "p"); RawConnection pattern = server.loggedIn("sub", "p");
             RawConnection unsubscribed = server.loggedIn("sub", "p")) {
            channel.call("SUBSCRIBE", "chan:1");
            pattern.call("PSUBSCRIBE", "chan:*");
            assertEquals("+OK\r\n", server.call("ACL", "SETUSER", "sub", "resetchannels", "&chan:1"));
            assertTrue(pattern.isClosedByServer(), "chan:* is no longer one of the user's patterns, literally");
            server.call("PUBLISH", "chan:1", "m");
            assertEquals("*3\r\n$7\r\nmessage\r\n$6\r\nchan:1\r\n$1\r\nm\r\n", channel.readReply(),
                    "chan:1 is still allowed");
            assertEquals("+OK\r\n", server.call("ACL", "SETUSER", "sub", "resetchannels"));
            assertTrue(channel.isClosedByServer());
            assertEquals("+PONG\r\n", unsubscribed.call("PING"), "clients without subscriptions stay");
        }
    }

    @Test
    void clientKillByUser() {
        server.call("ACL", "SETUSER", "alice", "on", ">p1", "+@all", "~*");
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            assertEquals(":1\r\n", server.call("CLIENT", "KILL", "USER", "alice"));
            assertTrue(alice.isClosedByServer());
        }
        assertEquals("-ERR No such user 'zed'\r\n", server.call("CLIENT", "KILL", "USER", "zed"));
    }

    @Test
    void catGenpassLogHelp() {
        List<String> categories = bulks(server.call("ACL", "CAT"));
        assertEquals(21, categories.size());
        assertEquals(List.of("keyspace", "read", "write"), categories.subList(0, 3));
        assertTrue(bulks(server.call("ACL", "CAT", "read")).contains("get"));
        assertTrue(bulks(server.call("ACL", "CAT", "admin")).contains("config|get"));
        assertEquals("-ERR Unknown category 'foo'\r\n", server.call("ACL", "CAT", "foo"));
        assertTrue(server.call("ACL", "GENPASS").matches("\\$64\r\n[0-9a-f]{64}\r\n"));
        assertTrue(server.call("ACL", "GENPASS", "5").matches("\\$2\r\n[0-9a-f]{2}\r\n"));
        assertEquals("-ERR ACL GENPASS argument must be the number of bits for the output password, a positive "
                + "number up to 4096\r\n", server.call("ACL", "GENPASS", "0"));
        assertEquals("-ERR value is not an integer or out of range\r\n", server.call("ACL", "GENPASS", "many"));
        assertEquals("-ERR unknown subcommand or wrong number of arguments for 'GENPASS'. Try ACL HELP.\r\n",
                server.call("ACL", "GENPASS", "8", "8"));
        assertEquals("-ERR unknown subcommand or wrong number of arguments for 'cat'. Try ACL HELP.\r\n",
                server.call("acl", "cat", "read", "write"));
        assertEquals("*0\r\n", server.call("ACL", "LOG"));
        assertEquals("+OK\r\n", server.call("ACL", "LOG", "RESET"));
        assertEquals("-ERR value is not an integer or out of range\r\n", server.call("ACL", "LOG", "foo"));
        assertTrue(server.call("ACL", "HELP").contains("DRYRUN <username> <command> [<arg> ...]"));
    }

    @Test
    void usersSurviveARestartThroughTheAclFile() throws Exception {
        server.call("ACL", "SETUSER", "alice", "on", ">p1", "~cache:*", "+@read");
        String line = "user alice on #" + P1_HASH + " ~cache:* resetchannels -@all +@read";
        assertTrue(Files.readAllLines(server.dataDir().resolve("users.acl")).contains(line));
        server.restart();
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            assertEquals("$-1\r\n", alice.call("GET", "cache:1"));
            assertEquals("-NOPERM this user has no permissions to run the 'set' command\r\n",
                    alice.call("SET", "cache:1", "v"));
        }
        assertTrue(bulks(server.call("ACL", "LIST")).contains(line));
    }

    @Test
    void aclLoadReplacesUsersOrChangesNothing() throws Exception {
        server.call("ACL", "SETUSER", "alice", "on", ">p1");
        var file = server.dataDir().resolve("users.acl");
        Files.writeString(file, "user bob on nopass ~* +@all\nuser carol on bogus\n");
        String error = server.call("ACL", "LOAD");
        assertTrue(error.startsWith("-ERR " + file + ":2: "), error);
        assertTrue(error.endsWith("WARNING: ACL errors detected, no change to the previously active ACL rules was "
                + "performed\r\n"), error);
        assertEquals(List.of("alice", "default"), bulks(server.call("ACL", "USERS")));
        Files.writeString(file, "user bob on nopass ~* +@all\n");
        assertEquals("+OK\r\n", server.call("ACL", "LOAD"));
        assertEquals(List.of("bob", "default"), bulks(server.call("ACL", "USERS")));
        assertEquals("+OK\r\n", server.call("ACL", "SAVE"));
        assertEquals(List.of("user bob on nopass ~* resetchannels +@all", "user default on nopass ~* &* +@all"),
                Files.readAllLines(file));
    }

    @Test
    void helloAuthLogsInAsAnAclUser() {
        server.call("ACL", "SETUSER", "alice", "on", ">p1", "+@all", "~*");
        try (RawConnection raw = server.raw()) {
            assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                    raw.call("HELLO", "3", "AUTH", "alice", "bad"));
            assertTrue(raw.call("HELLO", "3", "AUTH", "alice", "p1").startsWith("%7\r\n"));
            assertEquals("$5\r\nalice\r\n", raw.call("ACL", "WHOAMI"));
        }
    }

    @Test
    void requirepassIsTheDefaultUsersPassword() {
        try (TestServer protectedServer = TestServer.start(s -> s.setRequirepass("s3cret"));
             RawConnection raw = protectedServer.raw()) {
            assertEquals("-NOAUTH Authentication required.\r\n", raw.call("GET", "x"));
            assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", raw.call("AUTH", "bad"));
            assertEquals("+OK\r\n", raw.call("AUTH", "s3cret"));
            assertEquals("+OK\r\n", raw.call("AUTH", "default", "s3cret"));
            assertTrue(raw.call("ACL", "LIST").contains("user default on #" + PasswordHash.of(bytes("s3cret"))
                    + " ~* &* +@all"));
            assertEquals("+OK\r\n", raw.call("CONFIG", "SET", "requirepass", ""));
            assertTrue(raw.call("ACL", "LIST").contains("user default on nopass ~* &* +@all"));
            try (RawConnection fresh = protectedServer.raw()) {
                assertEquals("$-1\r\n", fresh.call("GET", "x"), "no password: new clients are logged in");
                assertEquals("-ERR AUTH <password> called without any password configured for the default user. "
                        + "Are you sure your configuration is correct?\r\n", fresh.call("AUTH", "x"));
            }
        }
    }

    private static String bulk(String text) {
        return "$" + bytes(text).length + "\r\n" + text + "\r\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bulk strings of a flat array reply. */
    static List<String> bulks(String reply) {
        List<String> out = new java.util.ArrayList<>();
        String[] lines = reply.split("\r\n");
        for (int i = 1; i < lines.length; i += 2) {
            out.add(lines[i + 1]);
        }
        return out;
    }
}
