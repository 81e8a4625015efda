package io.diskdb.acl;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.ServerPerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Permissions and MULTI/EXEC as Redis 7.0.15 combines them: EXEC checks every queued command
 * again, and an EXEC the user may not run ends the transaction.
 */
class AclTransactionsTest {
    private static final String CHANGED = "-NOPERM ACLs rules changed between the moment the transaction was "
            + "accumulated and the EXEC call. This command is no longer allowed for the following reason: ";

    @RegisterExtension
    final ServerPerTest server = new ServerPerTest();

    @BeforeEach
    void start() {
        server.call("ACL", "SETUSER", "alice", "on", ">p1", "~cache:*", "&chan:*", "+@read", "+set", "+multi", "+exec",
                "+publish");
    }

    @Test
    void execRefusesQueuedCommandsTheUserMayNoLongerRunAndRunsTheRest() {
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            alice.call("MULTI");
            assertEquals("+QUEUED\r\n", alice.call("SET", "cache:1", "v"));
            assertEquals("+QUEUED\r\n", alice.call("PUBLISH", "chan:1", "m"));
            assertEquals("+QUEUED\r\n", alice.call("SET", "cache:2", "v"));
            assertEquals("+QUEUED\r\n", alice.call("HGET", "cache:2", "f"));
            assertEquals("+OK\r\n", server.call("ACL", "SETUSER", "alice", "resetkeys", "~cache:2", "resetchannels", "-hget"));
            assertEquals("*4\r\n"
                    + CHANGED + "no permission to touch the specified keys\r\n"
                    + CHANGED + "no permission to access one of the channels used as arguments\r\n"
                    + "+OK\r\n"
                    + CHANGED + "no permission to execute the command or subcommand\r\n", alice.call("EXEC"));
        }
        assertEquals("$-1\r\n", server.call("GET", "cache:1"), "the refused SET did not run");
        assertEquals("$1\r\nv\r\n", server.call("GET", "cache:2"), "the allowed one did");
        List<Map<String, String>> log = AclLogCommandTest.entries(server.call("ACL", "LOG"));
        assertEquals(List.of("command hget", "channel chan:1", "key cache:1"),
                log.stream().map(e -> e.get("reason") + " " + e.get("object")).toList());
        for (Map<String, String> entry : log) {
            assertEquals("multi", entry.get("context"));
            assertTrue(entry.get("client-info").contains(" flags=x db=0 sub=0 psub=0 ssub=0 multi=4 ")
                    && entry.get("client-info").contains(" cmd=exec user=alice "), entry.get("client-info"));
        }
    }

    @Test
    void aLoginInsideTheTransactionChangesWhatTheRestMayDo() {
        server.call("ACL", "SETUSER", "bob", "on", ">p2", "~*", "+get");
        server.call("SET", "cache:k", "v");
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            alice.call("MULTI");
            alice.call("SET", "cache:1", "v");
            alice.call("AUTH", "bob", "p2");
            alice.call("SET", "cache:2", "v");
            alice.call("GET", "cache:k");
            assertEquals("*4\r\n+OK\r\n+OK\r\n" + CHANGED + "no permission to execute the command or subcommand\r\n"
                    + "$1\r\nv\r\n", alice.call("EXEC"));
            assertEquals("-NOPERM this user has no permissions to run the 'set' command\r\n",
                    alice.call("SET", "cache:3", "v"), "still bob after EXEC");
        }
    }

    @Test
    void aFailedLoginInsideExecIsLoggedInTheMultiContext() {
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            alice.call("MULTI");
            alice.call("AUTH", "alice", "wrong");
            assertEquals("*1\r\n-WRONGPASS invalid username-password pair or user is disabled.\r\n", alice.call("EXEC"));
        }
        Map<String, String> entry = AclLogCommandTest.entries(server.call("ACL", "LOG")).get(0);
        assertEquals(List.of("auth", "multi", "AUTH", "alice"),
                List.of(entry.get("reason"), entry.get("context"), entry.get("object"), entry.get("username")));
    }

    @Test
    void anExecTheUserMayNotRunEndsTheTransaction() {
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            alice.call("MULTI");
            alice.call("SET", "cache:1", "v");
            server.call("ACL", "SETUSER", "alice", "-exec");
            assertEquals("-EXECABORT Transaction discarded because of: NOPERM this user has no permissions to run the "
                    + "'exec' command\r\n", alice.call("EXEC"));
            assertEquals("+OK\r\n", alice.call("MULTI"), "no longer in MULTI");
            assertEquals("-EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command\r\n",
                    alice.call("EXEC", "now"));
            assertEquals("$-1\r\n", alice.call("GET", "cache:1"), "run at once: the transaction is gone");
        }
        Map<String, String> entry = AclLogCommandTest.entries(server.call("ACL", "LOG")).get(0);
        assertEquals(List.of("command", "multi", "exec"),
                List.of(entry.get("reason"), entry.get("context"), entry.get("object")));
    }

    @Test
    void aRefusedExecForgetsTheWatchedKeys() {
        server.call("ACL", "SETUSER", "alice", "+watch");
        try (RawConnection alice = server.loggedIn("alice", "p1")) {
            alice.call("WATCH", "cache:1");
            alice.call("MULTI");
            alice.call("EXEC", "extra");
            server.call("SET", "cache:1", "changed");
            alice.call("MULTI");
            alice.call("SET", "cache:1", "mine");
            assertEquals("*1\r\n+OK\r\n", alice.call("EXEC"), "the watch ended with the transaction");
        }
    }
}
