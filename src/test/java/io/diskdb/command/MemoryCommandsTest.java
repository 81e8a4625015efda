package io.diskdb.command;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.Resp;
import io.diskdb.testing.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryCommandsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static long usage(RawConnection c, String... args) {
        String reply = c.call(args);
        assertTrue(reply.startsWith(":"), reply);
        return Long.parseLong(reply.substring(1).trim());
    }

    @Test
    void missingKeyIsNilAndOptionsAreCheckedFirst() {
        RawConnection c = server.connection();
        assertEquals(Resp.NIL, c.call("MEMORY", "USAGE", "nothing"));
        assertEquals(Resp.SYNTAX, c.call("MEMORY", "USAGE", "nothing", "SAMPLES", "-1"));
        assertEquals(Resp.NOT_INTEGER, c.call("MEMORY", "USAGE", "nothing", "SAMPLES", "x"));
        assertEquals(Resp.SYNTAX, c.call("MEMORY", "USAGE", "nothing", "FOO"));
    }

    @Test
    void stringsCountTheirValueInlineOrStoredApart() {
        RawConnection c = server.connection();
        c.call("SET", "small", "x".repeat(100));
        c.call("SET", "large", "y".repeat(100_000));
        long small = usage(c, "MEMORY", "USAGE", "small");
        long large = usage(c, "MEMORY", "USAGE", "large");
        assertTrue(small > 100 && small < 200, "small: " + small);
        assertTrue(large > 100_000 && large < 100_200, "large: " + large);
    }

    @Test
    void collectionsAreEstimatedFromSamplesAndExactWithSamplesZero() {
        RawConnection c = server.connection();
        for (int i = 0; i < 500; i++) {
            c.call("HSET", "h", "field:" + i, "v".repeat(50));
        }
        long exact = usage(c, "MEMORY", "USAGE", "h", "SAMPLES", "0");
        long estimate = usage(c, "MEMORY", "USAGE", "h");
        assertTrue(exact > 500 * 50, "exact: " + exact);
        assertTrue(Math.abs(estimate - exact) < exact / 10, "estimate " + estimate + " vs exact " + exact);
        c.call("HSET", "h", "big", "z".repeat(10_000));
        assertTrue(usage(c, "MEMORY", "USAGE", "h", "SAMPLES", "0") >= exact + 10_000);
    }

    @Test
    void sortedSetsCountBothRecordsOfAMember() {
        RawConnection c = server.connection();
        c.call("ZADD", "z1", "1", "member");
        c.call("SADD", "s1", "member");
        assertTrue(usage(c, "MEMORY", "USAGE", "z1", "SAMPLES", "0") > usage(c, "MEMORY", "USAGE", "s1", "SAMPLES", "0"));
    }
}
