package io.diskdb.pubsub;

import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.diskdb.testing.Sleep.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keyspace notifications: the events Redis 7.0 publishes for each command family, the
 * expired event of active and lazy expiry, and notify-keyspace-events changed at run time.
 */
class KeyspaceNotificationsTest {
    private TestServer server;
    private Wire client;
    private Wire events;

    @BeforeEach
    void start() {
        server = TestServer.start();
        client = new Wire(server.port());
        events = new Wire(server.port());
        configure("KEA");
        events.send("psubscribe", "__keyevent@*__:*").frames(1);
        events.send("subscribe", "end").frames(1);
    }

    @AfterEach
    void stop() {
        client.close();
        events.close();
        server.close();
    }

    private void configure(String flags) {
        assertEquals("+OK\r\n", client.send("config", "set", "notify-keyspace-events", flags).frames(1).get(0));
    }

    /** Runs commands (each answered by one reply) and returns the "event key" pairs published meanwhile. */
    private List<String> eventsOf(String[]... commands) {
        for (String[] command : commands) {
            client.send(command).frames(1);
        }
        client.send("publish", "end", "end").frames(1); // a marker: everything before it has been published
        List<String> seen = new ArrayList<>();
        while (true) {
            List<String> frame = parse(events.frames(1).get(0));
            if (frame.get(0).equals("message")) {
                break;
            }
            seen.add(frame.get(2).replaceFirst("__keyevent@\\d+__:", "") + " " + frame.get(3));
        }
        return seen;
    }

    /** The bulk strings of a pmessage/message frame. */
    private static List<String> parse(String frame) {
        List<String> parts = new ArrayList<>();
        String[] lines = frame.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("$")) {
                parts.add(lines[++i]);
            }
        }
        return parts;
    }

    private static String[] c(String... args) {
        return args;
    }

    @Test
    void stringAndKeyCommands() {
        assertEquals(List.of("set s", "expire s", "incrby n", "incrbyfloat f", "append s", "setrange s",
                        "rename_from s", "rename_to t", "copy_to u", "persist t", "del t", "del u"),
                eventsOf(c("set", "s", "v", "ex", "100"), c("incr", "n"), c("incrbyfloat", "f", "1.5"), c("append", "s", "x"),
                        c("setrange", "s", "0", "y"), c("rename", "s", "t"), c("copy", "t", "u"), c("persist", "t"),
                        c("del", "t", "u", "missing"), c("get", "n")));
        assertEquals(List.of("move_from n", "move_to n", "expire f", "del f"),
                eventsOf(c("move", "n", "1"), c("expire", "f", "100"), c("expire", "f", "-1")));
    }

    @Test
    void listHashSetAndSortedSetCommandsReportDelWhenTheyEmptyTheKey() {
        assertEquals(List.of("rpush l", "lpush l", "lset l", "linsert l", "lrem l", "ltrim l", "lpush m", "rpop l",
                        "lpop l", "del l"),
                eventsOf(c("rpush", "l", "a", "b", "c"), c("lpush", "l", "z"), c("lset", "l", "0", "y"),
                        c("linsert", "l", "before", "a", "q"), c("lrem", "l", "0", "q"), c("ltrim", "l", "0", "1"),
                        c("lmove", "l", "m", "right", "left"), c("lpop", "l"), c("lpop", "l")));
        assertEquals(List.of("hset h", "hincrby h", "hincrbyfloat h", "hdel h", "del h"),
                eventsOf(c("hset", "h", "a", "1"), c("hincrby", "h", "a", "1"), c("hincrbyfloat", "h", "a", "0.5"),
                        c("hdel", "h", "a", "zz")));
        assertEquals(List.of("sadd s1", "sadd s2", "srem s1", "sadd s2", "sinterstore d", "spop s1", "del s1", "del d"),
                eventsOf(c("sadd", "s1", "a", "b", "c"), c("sadd", "s2", "x"), c("smove", "s1", "s2", "a"),
                        c("sinterstore", "d", "s1", "s1"), c("spop", "s1", "5"), c("sdiffstore", "d", "s1", "s2")));
        assertEquals(List.of("zadd z", "zincr z", "zrem z", "zremrangebyscore z", "zadd z", "zpopmin z", "del z"),
                eventsOf(c("zadd", "z", "1", "a", "2", "b", "3", "c"), c("zincrby", "z", "5", "a"), c("zrem", "z", "a"),
                        c("zremrangebyscore", "z", "2", "2"), c("zadd", "z", "1", "a"), c("zpopmin", "z", "5")));
    }

    @Test
    void failedCommandsReportNothing() {
        eventsOf(c("set", "s", "v"));
        assertEquals(List.of(), eventsOf(c("lpush", "s", "x"), c("incr", "s"), c("multi"), c("set", "a", "1"),
                c("discard")));
    }

    @Test
    void expiredIsReportedForActiveAndLazyExpiry() {
        assertEquals(List.of("set gone", "expire gone"), eventsOf(c("set", "gone", "v", "px", "50")));
        List<String> active = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 5000;
        while (active.isEmpty() && System.currentTimeMillis() < deadline) {
            active.addAll(eventsOf()); // the expiry cycle runs ten times a second
        }
        assertEquals(List.of("expired gone"), active);
        // A write that finds the key past its time expires it first (almost always lazily here:
        // the cycle runs every 100 ms), so "expired" comes before the write's own event.
        client.send("set", "lazy", "v", "px", "1").frames(1);
        sleep(5);
        assertEquals(List.of("set lazy", "expire lazy", "expired lazy", "set lazy"), eventsOf(c("set", "lazy", "w")));
    }

    @Test
    void newKeysAndRuntimeConfiguration() {
        configure("KE$n");
        assertEquals(List.of("new k", "set k", "set k", "new l"), eventsOf(c("set", "k", "1"), c("set", "k", "2"), c("lpush", "l", "x")));
        configure("");
        assertEquals(List.of(), eventsOf(c("set", "k", "3"), c("del", "k")));
        configure("Eg");
        assertEquals(List.of("del l"), eventsOf(c("set", "k", "4"), c("del", "l")));
    }
}
