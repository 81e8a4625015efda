package io.diskdb.command;

import io.diskdb.testing.SharedServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sorted-set reply shapes after HELLO 3, byte for byte as Redis 7.0.15 sends them. */
class SortedSetResp3Test {
    private static final String PAIR_A = "*2\r\n$1\r\na\r\n,1\r\n";
    private static final String PAIR_B = "*2\r\n$1\r\nb\r\n,2.5\r\n";
    private static final String PAIR_C = "*2\r\n$1\r\nc\r\n,inf\r\n";

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @BeforeAll
    static void useResp3() {
        server.call("HELLO", "3");
    }

    @BeforeEach
    void fill() {
        server.call("FLUSHALL");
        assertEquals(":3\r\n", server.call("ZADD", "z", "1", "a", "2.5", "b", "inf", "c"));
    }

    @Test
    void withScoresIsAnArrayOfPairs() {
        assertEquals("*3\r\n" + PAIR_A + PAIR_B + PAIR_C, server.call("ZRANGE", "z", "0", "-1", "WITHSCORES"));
        assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", server.call("ZRANGE", "z", "0", "-1"));
        assertEquals("*1\r\n" + PAIR_A, server.call("ZRANGEBYSCORE", "z", "1", "2", "WITHSCORES"));
        assertEquals("*3\r\n" + PAIR_A + PAIR_B + PAIR_C, server.call("ZUNION", "1", "z", "WITHSCORES"));
        // a count covering the set returns all of it, in order, as Redis does for a small set
        assertEquals("*3\r\n" + PAIR_A + PAIR_B + PAIR_C, server.call("ZRANDMEMBER", "z", "3", "WITHSCORES"));
        assertEquals("*2\r\n*2\r\n", server.call("ZRANDMEMBER", "z", "-2", "WITHSCORES").substring(0, 8));
    }

    @Test
    void scoresAreDoublesAndMissingOnesNull() {
        assertEquals(",2.5\r\n", server.call("ZSCORE", "z", "b"));
        assertEquals("_\r\n", server.call("ZSCORE", "z", "nope"));
        assertEquals("*2\r\n,1\r\n_\r\n", server.call("ZMSCORE", "z", "a", "nope"));
        assertEquals(",2\r\n", server.call("ZINCRBY", "z", "1", "a"));
        assertEquals("_\r\n", server.call("ZADD", "z", "INCR", "XX", "1", "nope"));
        assertEquals("_\r\n", server.call("ZRANK", "z", "nope"));
        assertEquals("_\r\n", server.call("ZRANDMEMBER", "nokey"));
    }

    @Test
    void popShapes() {
        // without a count one flat pair; with a count, pairs
        assertEquals("*2\r\n$1\r\na\r\n,1\r\n", server.call("ZPOPMIN", "z"));
        assertEquals("*1\r\n" + PAIR_C, server.call("ZPOPMAX", "z", "1"));
        assertEquals("*0\r\n", server.call("ZPOPMIN", "nokey"));
        server.call("ZADD", "z", "1", "a", "inf", "c");
        assertEquals("*2\r\n$1\r\nz\r\n*2\r\n" + PAIR_A + PAIR_B, server.call("ZMPOP", "1", "z", "MIN", "COUNT", "2"));
        assertEquals("_\r\n", server.call("ZMPOP", "1", "nokey", "MAX"));
    }

    @Test
    void scanScoresStayStrings() {
        server.call("ZREM", "z", "a", "b");
        assertEquals("*2\r\n$1\r\n0\r\n*2\r\n$1\r\nc\r\n$3\r\ninf\r\n", server.call("ZSCAN", "z", "0"));
    }
}
