package io.diskdb.command;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.SharedServer;
import io.diskdb.transaction.WatchRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Consumer;

import static io.diskdb.testing.Sleep.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** WATCH: which changes by other clients make EXEC reply a null array, and which do not (Redis 7.0 rules). */
class TransactionWatchTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static final String ABORTED = "*-1\r\n";
    private static final String RAN = "*1\r\n+OK\r\n";

    @BeforeEach
    void flush() {
        try (RawConnection c = server.raw()) {
            c.call("FLUSHALL");
        }
    }

    /** WATCHes {@code watched} (which holds "old"), lets another client act, then tries MULTI SET EXEC. */
    private String execAfter(String watched, Consumer<RawConnection> otherClient) {
        try (RawConnection c = server.raw(); RawConnection other = server.raw()) {
            c.call("SET", watched, "old");
            assertEquals("+OK\r\n", c.call("WATCH", watched));
            otherClient.accept(other);
            c.call("MULTI");
            c.call("SET", "result", "written");
            return c.call("EXEC");
        }
    }

    @Test
    void anotherClientsSetBreaksTheWatch() {
        assertEquals(ABORTED, execAfter("k", o -> o.call("SET", "k", "new")));
        try (RawConnection c = server.raw()) {
            assertEquals("$-1\r\n", c.call("GET", "result"), "an aborted EXEC writes nothing");
        }
    }

    @Test
    void setToTheSameValueStillCounts() {
        assertEquals(ABORTED, execAfter("k", o -> o.call("SET", "k", "old")));
    }

    @Test
    void delExpireAndRenameOfEitherKeyBreakTheWatch() {
        assertEquals(ABORTED, execAfter("k", o -> o.call("DEL", "k")));
        assertEquals(ABORTED, execAfter("k", o -> o.call("EXPIRE", "k", "100")));
        assertEquals(ABORTED, execAfter("k", o -> o.call("RENAME", "k", "other")));
        assertEquals(ABORTED, execAfter("k", o -> {
            o.call("SET", "source", "s");
            o.call("RENAME", "source", "k");
        }));
    }

    @Test
    void flushdbAndFlushallBreakTheWatchOfAnExistingKey() {
        assertEquals(ABORTED, execAfter("k", o -> o.call("FLUSHDB")));
        assertEquals(ABORTED, execAfter("k", o -> o.call("FLUSHALL")));
    }

    @Test
    void flushOrSwapdbDoNotBreakTheWatchOfAKeyThatExistsNowhere() {
        try (RawConnection c = server.raw(); RawConnection other = server.raw()) {
            c.call("WATCH", "nokey");
            other.call("FLUSHDB");
            other.call("SWAPDB", "0", "1");
            c.call("MULTI");
            c.call("SET", "result", "written");
            assertEquals(RAN, c.call("EXEC"));
        }
    }

    @Test
    void swapdbBreaksTheWatchWhenTheKeyExistsInEitherDatabase() {
        assertEquals(ABORTED, execAfter("k", o -> o.call("SWAPDB", "0", "1")));
        try (RawConnection c = server.raw(); RawConnection other = server.raw()) {
            other.call("SELECT", "1");
            other.call("SET", "k", "in1");
            c.call("WATCH", "k");
            other.call("SWAPDB", "0", "1");
            c.call("MULTI");
            c.call("SET", "result", "written");
            assertEquals(ABORTED, c.call("EXEC"));
        }
    }

    @Test
    void expiryAfterWatchBreaksIt() {
        assertEquals(ABORTED, execAfter("k", o -> {
            o.call("PEXPIRE", "k", "200");
            sleep(300); // expired: whether active expiry has deleted it yet or not
        }));
    }

    @Test
    void aKeyThatExpiresWhileWatchedBreaksItEvenIfNothingDeletedIt() {
        try (RawConnection c = server.raw()) {
            c.call("SET", "k", "v", "PX", "30");
            c.call("WATCH", "k");
            sleep(60);
            c.call("MULTI");
            c.call("SET", "result", "written");
            assertEquals(ABORTED, c.call("EXEC"));
        }
    }

    @Test
    void writesToOtherKeysAndReadsDoNotBreakTheWatch() {
        assertEquals(RAN, execAfter("k", o -> {
            o.call("SET", "unrelated", "1");
            o.call("GET", "k");
            o.call("SELECT", "2");
            o.call("SET", "k", "same name, other database");
        }));
    }

    @Test
    void theClientsOwnWritesInsideExecDoNotBreakItsWatch() {
        try (RawConnection c = server.raw()) {
            c.call("SET", "k", "1");
            c.call("WATCH", "k");
            c.call("MULTI");
            c.call("INCR", "k");
            c.call("INCR", "k");
            assertEquals("*2\r\n:2\r\n:3\r\n", c.call("EXEC"));
        }
    }

    @Test
    void theClientsOwnWritesBeforeMultiDoBreakItsWatch() {
        try (RawConnection c = server.raw()) {
            c.call("WATCH", "k");
            c.call("SET", "k", "mine");
            c.call("MULTI");
            c.call("PING");
            assertEquals(ABORTED, c.call("EXEC"));
        }
    }

    @Test
    void unwatchForgetsTheKeys() {
        try (RawConnection c = server.raw(); RawConnection other = server.raw()) {
            c.call("WATCH", "k");
            other.call("SET", "k", "new");
            assertEquals("+OK\r\n", c.call("UNWATCH"));
            c.call("MULTI");
            c.call("SET", "result", "written");
            assertEquals(RAN, c.call("EXEC"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXEC", "DISCARD"})
    void execAndDiscardEndTheWatch(String end) {
        try (RawConnection c = server.raw(); RawConnection other = server.raw()) {
            c.call("WATCH", "k");
            other.call("SET", "k", "new");
            c.call("MULTI");
            c.call(end);
            other.call("SET", "k", "newer");
            c.call("MULTI");
            c.call("SET", "result", "written");
            assertEquals(RAN, c.call("EXEC"), "a change before the previous " + end + " no longer counts");
        }
    }

    @Test
    void resp3AbortedExecIsNull() {
        try (RawConnection c = server.raw(); RawConnection other = server.raw()) {
            c.call("HELLO", "3");
            c.call("WATCH", "k");
            other.call("SET", "k", "new");
            c.call("MULTI");
            c.call("PING");
            assertEquals("_\r\n", c.call("EXEC"));
        }
    }

    @Test
    void disconnectingLeavesNoWatchBehind() {
        WatchRegistry registry = ((TransactionCommands.Watch) server.server().commands().lookup("watch").handler()).registry();
        try (RawConnection c = server.raw()) {
            c.call("WATCH", "a", "b", "c");
            assertEquals(3, registry.watchedKeyCount());
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (registry.watchedKeyCount() > 0 && System.currentTimeMillis() < deadline) {
            sleep(10);
        }
        assertEquals(0, registry.watchedKeyCount());
        try (RawConnection c = server.raw()) {
            c.call("WATCH", "a", "b");
            c.call("UNWATCH");
            c.call("WATCH", "c");
            c.call("MULTI");
            c.call("EXEC");
            assertEquals(0, registry.watchedKeyCount(), "UNWATCH and EXEC drop the client's keys from the registry");
        }
    }
}
