package io.diskdb.command;

import io.diskdb.testing.BlockedClients;
import io.diskdb.testing.BlockingCommandsServer;
import io.diskdb.testing.RawConnection;
import io.diskdb.testing.RealRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.diskdb.testing.Resp.NIL_ARRAY;
import static io.diskdb.testing.Resp.bulk;
import static io.diskdb.testing.Sleep.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BZPOPMIN, BZPOPMAX and BZMPOP: reply shapes in RESP2 and RESP3, FIFO wake-up by any write
 * that leaves a key a non-empty sorted set, timeouts, argument errors in Redis's order, wrong
 * types, disconnects and MULTI. The scripted scenarios run against a real Redis 7.0 as well
 * and must produce the same bytes.
 */
class BlockingSortedSetCommandsTest {
    @RegisterExtension
    static final BlockingCommandsServer server = new BlockingCommandsServer();

    /** The BZPOPMIN/BZPOPMAX reply in RESP2: [key, member, score]. */
    private static String popped(String key, String member, String score) {
        return "*3\r\n" + bulk(key) + bulk(member) + bulk(score);
    }

    @Test
    void servesAtOnceWithRedisReplyShapes() {
        server.control().call("ZADD", "z", "1", "a", "2.5", "b", "3", "c", "4", "d");
        RawConnection c = server.client();
        assertEquals(popped("z", "a", "1"), c.call("BZPOPMIN", "none", "z", "0"));
        assertEquals(popped("z", "d", "4"), c.call("BZPOPMAX", "z", "0"));
        assertEquals("*2\r\n" + bulk("z") + "*1\r\n*2\r\n" + bulk("b") + bulk("2.5"),
                c.call("BZMPOP", "0", "2", "none", "z", "MIN"));
        c.call("HELLO", "3");
        assertEquals("*3\r\n" + bulk("z") + bulk("c") + ",3\r\n", c.call("BZPOPMIN", "z", "0"));
        assertEquals(":0\r\n", c.call("EXISTS", "z"));
        assertEquals(0, server.blockedClients());
    }

    @Test
    void waitersAreServedOldestFirst() {
        List<RawConnection> waiters = server.parkInOrder(4, "BZPOPMIN", "fifo", "0");
        assertEquals(":1\r\n", server.control().call("ZADD", "fifo", "5", "first"));
        assertEquals(popped("fifo", "first", "5"), waiters.get(0).readReply());
        server.awaitBlocked(3);
        assertEquals(":3\r\n", server.control().call("ZADD", "fifo", "3", "c", "1", "a", "2", "b"));
        assertEquals(popped("fifo", "a", "1"), waiters.get(1).readReply());
        assertEquals(popped("fifo", "b", "2"), waiters.get(2).readReply());
        assertEquals(popped("fifo", "c", "3"), waiters.get(3).readReply());
        server.awaitBlocked(0);
        assertEquals(":0\r\n", server.control().call("EXISTS", "fifo"));
    }

    @Test
    void anyCommitLeavingANonEmptySortedSetWakes() {
        RawConnection waiter = server.client();
        waiter.send("BZPOPMAX", "incr", "0");
        server.awaitBlocked(1);
        server.control().call("ZINCRBY", "incr", "2", "m");
        assertEquals(popped("incr", "m", "2"), waiter.readReply());

        server.control().call("ZADD", "src1", "1", "x");
        server.control().call("ZADD", "src2", "2", "x", "7", "y");
        waiter.send("BZPOPMAX", "union", "0");
        server.awaitBlocked(1);
        server.control().call("ZUNIONSTORE", "union", "2", "src1", "src2");
        assertEquals(popped("union", "y", "7"), waiter.readReply());

        waiter.send("BZPOPMIN", "renamed", "0");
        server.awaitBlocked(1);
        server.control().call("RENAME", "src2", "renamed");
        assertEquals(popped("renamed", "x", "2"), waiter.readReply());
        server.awaitBlocked(0);
    }

    @Test
    void bzmpopWakesWithItsCountFromTheKeyThatBecameReady() {
        RawConnection c = server.client();
        c.send("BZMPOP", "0", "2", "m1", "m2", "MAX", "COUNT", "2");
        server.awaitBlocked(1);
        server.control().call("ZADD", "m2", "1", "a", "2", "b", "3", "c");
        assertEquals("*2\r\n" + bulk("m2") + "*2\r\n*2\r\n" + bulk("c") + bulk("3") + "*2\r\n" + bulk("b") + bulk("2"),
                c.readReply());
        assertEquals(":1\r\n", server.control().call("ZCARD", "m2"));
    }

    @Test
    void aListOrStringOnTheKeyDoesNotServeAZsetWaiter() {
        RawConnection waiter = server.client();
        waiter.send("BZPOPMIN", "typed", "other", "0");
        server.awaitBlocked(1);
        server.control().call("RPUSH", "typed", "v");
        server.control().call("DEL", "typed");
        server.control().call("SET", "typed", "s");
        sleep(100);
        assertEquals(1, server.blockedClients());
        server.control().call("ZADD", "other", "1", "m");
        assertEquals(popped("other", "m", "1"), waiter.readReply());
        server.awaitBlocked(0);
    }

    @Test
    void timeoutsWithDecimalsReplyNil() {
        RawConnection waiter = server.client();
        long started = System.nanoTime();
        assertEquals(NIL_ARRAY, waiter.call("BZPOPMIN", "none", "0.2"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis >= 190 && millis < 3000, "timed out after " + millis + " ms");
        assertEquals(NIL_ARRAY, waiter.call("BZPOPMAX", "none", "other", "0.05"));
        assertEquals(NIL_ARRAY, waiter.call("BZMPOP", "0.05", "1", "none", "MIN", "COUNT", "3"));
        waiter.call("HELLO", "3");
        assertEquals("_\r\n", waiter.call("BZPOPMIN", "none", ".05"));
        assertEquals("_\r\n", waiter.call("BZMPOP", "0.05", "1", "none", "MAX"));
        assertEquals(0, server.blockedClients());
    }

    @Test
    void aDisconnectedWaiterLeavesNoTrace() {
        RawConnection gone = server.client();
        gone.send("BZPOPMIN", "dc", "0");
        server.awaitBlocked(1);
        RawConnection stays = server.client();
        stays.send("BZPOPMIN", "dc", "0");
        server.awaitBlocked(2);
        gone.close();
        server.awaitBlocked(1);
        server.control().call("ZADD", "dc", "1", "v1");
        assertEquals(popped("dc", "v1", "1"), stays.readReply());
        server.awaitBlocked(0);
        server.control().call("ZADD", "dc", "2", "v2");
        assertEquals(":1\r\n", server.control().call("ZCARD", "dc"));
        assertEquals(0, server.server().blocking().parkedClients());
    }

    @Test
    void insideMultiTheyDoNotBlock() {
        RawConnection c = server.client();
        assertEquals("+OK\r\n", c.call("MULTI"));
        assertEquals("+QUEUED\r\n", c.call("BZPOPMIN", "none", "0"));
        assertEquals("+QUEUED\r\n", c.call("BZPOPMAX", "none", "0"));
        assertEquals("+QUEUED\r\n", c.call("BZMPOP", "0", "1", "none", "MIN"));
        assertEquals("*3\r\n" + NIL_ARRAY + NIL_ARRAY + NIL_ARRAY, c.call("EXEC"));
        assertEquals(0, server.blockedClients());
    }

    /** Errors, wrong types, MULTI and a wake-up, the same bytes from DiskDB and from Redis 7.0. */
    @Test
    void scriptedScenarioMatchesRealRedis() {
        List<String> ours = scenario(server::client);
        try (RealRedis redis = RealRedis.start()) {
            List<String> theirs = scenario(redis::raw);
            assertEquals(theirs, ours);
        }
    }

    private static List<String> scenario(Supplier<RawConnection> connect) {
        List<String> replies = new ArrayList<>();
        try (RawConnection c = connect.get(); RawConnection waiter = connect.get()) {
            String[][] commands = {
                    {"BZMPOP", "x", "0", "k", "MIN"},
                    {"BZMPOP", "x", "1", "k", "FOO"},
                    {"BZMPOP", "x", "1", "k", "MIN"},
                    {"BZMPOP", "x", "2", "k", "MIN"},
                    {"BZMPOP", "-1", "1", "k", "MIN", "COUNT", "0"},
                    {"BZMPOP", "-1", "1", "k", "MIN", "COUNT", "1", "COUNT", "1"},
                    {"BZMPOP", "-1", "1", "k", "MIN"},
                    {"BZPOPMIN", "k", "x"},
                    {"BZPOPMIN", "k", "-1"},
                    {"BZPOPMAX", "k", "inf"},
                    {"SET", "s", "v"},
                    {"ZADD", "z", "1", "a", "2", "b", "3", "c", "1.5", "d"},
                    {"BZPOPMIN", "s", "0"},
                    {"BZPOPMIN", "z", "s", "0"},
                    {"BZPOPMAX", "s", "z", "0"},
                    {"BZMPOP", "0", "2", "s", "z", "MIN"},
                    {"BZMPOP", "0", "2", "z", "s", "MAX", "COUNT", "10"},
                    {"MULTI"},
                    {"BZPOPMIN", "none", "0"},
                    {"BZMPOP", "0", "1", "none", "MIN"},
                    {"BZPOPMAX", "s", "0"},
                    {"EXEC"},
                    {"HELLO", "3"},
                    {"ZADD", "z", "1e300", "big", "-inf", "low"},
                    {"BZPOPMAX", "z", "0"},
                    {"BZMPOP", "0", "1", "z", "MIN"},
            };
            for (String[] command : commands) {
                String reply = c.call(command);
                replies.add(command[0].equals("HELLO") ? "(hello)" : reply);
            }
            waiter.send("BZPOPMIN", "late", "0");
            BlockedClients.await(c, 1);
            c.call("ZADD", "late", "0.1", "m");
            replies.add(waiter.readReply());
        }
        return replies;
    }
}
