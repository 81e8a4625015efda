package io.diskdb.command;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MULTI/EXEC/DISCARD replies byte for byte as Redis 7.0.15 sends them. */
class TransactionCommandsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static final String EXECABORT = "-EXECABORT Transaction discarded because of previous errors.\r\n";

    @BeforeEach
    void flush() {
        try (RawConnection c = server.raw()) {
            c.call("FLUSHALL");
        }
    }

    @Test
    void commandsAfterMultiAreQueuedAndExecRepliesWithAllTheirRepliesInOrder() {
        try (RawConnection c = server.raw()) {
            assertEquals("+OK\r\n", c.call("MULTI"));
            assertEquals("+QUEUED\r\n", c.call("SET", "a", "1"));
            assertEquals("+QUEUED\r\n", c.call("INCRBY", "a", "41"));
            assertEquals("+QUEUED\r\n", c.call("GET", "a"));
            assertEquals("+QUEUED\r\n", c.call("GET", "missing"));
            assertEquals("*4\r\n+OK\r\n:42\r\n$2\r\n42\r\n$-1\r\n", c.call("EXEC"));
            assertEquals("$2\r\n42\r\n", c.call("GET", "a"));
        }
    }

    @Test
    void aCommandFailingAfterALongTrimInTheSameExecLeavesTheTrimDone() {
        try (RawConnection c = server.raw()) {
            String[] push = new String[202];
            push[0] = "RPUSH";
            push[1] = "list";
            for (int i = 0; i < 200; i++) {
                push[i + 2] = Integer.toString(i);
            }
            c.call(push);
            c.call("SET", "string", "v");
            c.call("MULTI");
            c.call("LTRIM", "list", "150", "-1"); // cuts 150 positions, more than point deletes are used for
            c.call("LPUSH", "string", "x");       // fails when it runs: the EXEC rolls back to its savepoint
            c.call("LLEN", "list");
            assertEquals("*3\r\n+OK\r\n-WRONGTYPE Operation against a key holding the wrong kind of value\r\n:50\r\n",
                    c.call("EXEC"));
            assertEquals("*2\r\n$3\r\n150\r\n$3\r\n151\r\n", c.call("LRANGE", "list", "0", "1"));
        }
    }

    @Test
    void nothingRunsBeforeExec() {
        try (RawConnection c = server.raw(); RawConnection other = server.raw()) {
            c.call("MULTI");
            c.call("SET", "k", "v");
            assertEquals("$-1\r\n", other.call("GET", "k"));
            assertEquals("*1\r\n+OK\r\n", c.call("EXEC"));
            assertEquals("$1\r\nv\r\n", other.call("GET", "k"));
        }
    }

    @Test
    void emptyTransactionRepliesEmptyArray() {
        try (RawConnection c = server.raw()) {
            c.call("MULTI");
            assertEquals("*0\r\n", c.call("EXEC"));
        }
    }

    @Test
    void execAndDiscardWithoutMultiAndNestedMultiAreErrorsThatDoNotAbort() {
        try (RawConnection c = server.raw()) {
            assertEquals("-ERR EXEC without MULTI\r\n", c.call("EXEC"));
            assertEquals("-ERR DISCARD without MULTI\r\n", c.call("DISCARD"));
            c.call("MULTI");
            assertEquals("-ERR MULTI calls can not be nested\r\n", c.call("MULTI"));
            assertEquals("-ERR WATCH inside MULTI is not allowed\r\n", c.call("WATCH", "a"));
            assertEquals("+QUEUED\r\n", c.call("PING"));
            assertEquals("*1\r\n+PONG\r\n", c.call("EXEC"));
        }
    }

    @Test
    void queueTimeErrorsReplyAtOnceAndMakeExecAbort() {
        try (RawConnection c = server.raw()) {
            c.call("MULTI");
            assertEquals("+QUEUED\r\n", c.call("SET", "a", "1"));
            assertEquals("-ERR unknown command 'foo', with args beginning with: 'bar' \r\n", c.call("foo", "bar"));
            assertEquals("-ERR wrong number of arguments for 'get' command\r\n", c.call("GET"));
            assertEquals("+QUEUED\r\n", c.call("SET", "b", "2"));
            assertEquals(EXECABORT, c.call("EXEC"));
            assertEquals("$-1\r\n", c.call("GET", "a"), "nothing of an aborted transaction runs");
            assertEquals("-ERR EXEC without MULTI\r\n", c.call("EXEC"), "EXECABORT ends the transaction");
        }
    }

    @Test
    void commandsNotAllowedInTransactionsAreRefused() {
        try (RawConnection c = server.raw()) {
            c.call("MULTI");
            assertEquals("-ERR Command not allowed inside a transaction\r\n", c.call("SHUTDOWN"));
            assertEquals(EXECABORT, c.call("EXEC"));
        }
    }

    @Test
    void runTimeErrorsAreRepliedInPlaceAndTheOtherCommandsStillCommit() {
        try (RawConnection c = server.raw()) {
            c.call("SET", "text", "abc");
            c.call("MULTI");
            c.call("SET", "a", "1");
            c.call("INCR", "text");
            c.call("SET", "text", "x", "EX", "0");
            c.call("INCR", "a");
            assertEquals("*4\r\n+OK\r\n-ERR value is not an integer or out of range\r\n"
                    + "-ERR invalid expire time in 'set' command\r\n:2\r\n", c.call("EXEC"));
            assertEquals("$1\r\n2\r\n", c.call("GET", "a"));
            assertEquals("$3\r\nabc\r\n", c.call("GET", "text"));
        }
    }

    @Test
    void discardDropsTheQueue() {
        try (RawConnection c = server.raw()) {
            c.call("MULTI");
            c.call("SET", "b", "1");
            assertEquals("+OK\r\n", c.call("DISCARD"));
            assertEquals("$-1\r\n", c.call("GET", "b"));
            assertEquals("-ERR EXEC without MULTI\r\n", c.call("EXEC"));
        }
    }

    @Test
    void selectInsideTheTransactionMovesTheLaterCommands() {
        try (RawConnection c = server.raw()) {
            c.call("MULTI");
            c.call("SELECT", "3");
            c.call("SET", "k", "in3");
            c.call("GET", "k");
            assertEquals("*3\r\n+OK\r\n+OK\r\n$3\r\nin3\r\n", c.call("EXEC"));
            assertEquals("$3\r\nin3\r\n", c.call("GET", "k"), "the SELECT stays in effect after EXEC");
            c.call("SELECT", "0");
            assertEquals("$-1\r\n", c.call("GET", "k"));
        }
    }

    @Test
    void flushInsideTheTransactionIsSeenByTheCommandsAfterIt() {
        try (RawConnection c = server.raw()) {
            c.call("MULTI");
            c.call("SET", "x", "1");
            c.call("FLUSHDB");
            c.call("GET", "x");
            c.call("SET", "y", "2");
            assertEquals("*4\r\n+OK\r\n+OK\r\n$-1\r\n+OK\r\n", c.call("EXEC"));
            assertEquals("$-1\r\n", c.call("GET", "x"));
            assertEquals("$1\r\n2\r\n", c.call("GET", "y"));
            assertEquals(":1\r\n", c.call("DBSIZE"));
        }
    }

    @Test
    void quitInsideMultiClosesTheConnectionAtOnce() {
        try (RawConnection c = server.raw()) {
            c.call("MULTI");
            c.call("SET", "q", "1");
            assertEquals("+OK\r\n", c.call("QUIT"));
            assertEquals(true, c.isClosedByServer());
        }
        try (RawConnection c = server.raw()) {
            assertEquals("$-1\r\n", c.call("GET", "q"));
        }
    }

    @Test
    void resp3RepliesInsideExecUseTheClientsProtocol() {
        try (RawConnection c = server.raw()) {
            c.call("HELLO", "3");
            c.call("MULTI");
            c.call("GET", "none");
            c.call("SET", "a", "1");
            assertEquals("*2\r\n_\r\n+OK\r\n", c.call("EXEC"));
        }
    }
}
