package io.diskdb.acl;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.diskdb.acl.AclLog.Context.MULTI;
import static io.diskdb.acl.AclLog.Context.TOPLEVEL;
import static io.diskdb.acl.AclLog.Reason.AUTH;
import static io.diskdb.acl.AclLog.Reason.COMMAND;
import static io.diskdb.acl.AclLog.Reason.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Grouping, ordering and trimming of the ACL log, as Redis 7.0.15 does them (checked against redis-server). */
class AclLogTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicLong maxLength = new AtomicLong(128);
    private final AclLog log = new AclLog(maxLength::get, clock::get);

    @Test
    void aRepeatWithinAMinuteBumpsTheEntryAndMovesItToTheFront() {
        log.add(COMMAND, TOPLEVEL, "get", "alice", "id=1 cmd=get");
        log.add(KEY, TOPLEVEL, "k", "alice", "id=1 cmd=set");
        clock.addAndGet(AclLog.GROUPING_WINDOW_MILLIS);
        log.add(COMMAND, TOPLEVEL, "get", "alice", "id=2 cmd=get");
        List<AclLog.Entry> entries = log.newest(10);
        assertEquals(2, entries.size());
        assertEquals(new AclLog.Entry(2, COMMAND, TOPLEVEL, "get", "alice", clock.get(), "id=2 cmd=get"),
                entries.get(0), "count 2, the latest time and client");
        assertEquals("k", entries.get(1).object());
    }

    @Test
    void entriesDifferingInAnyFieldOrOverAMinuteApartStaySeparate() {
        log.add(COMMAND, TOPLEVEL, "get", "alice", "c");
        log.add(COMMAND, MULTI, "get", "alice", "c");
        log.add(COMMAND, TOPLEVEL, "set", "alice", "c");
        log.add(COMMAND, TOPLEVEL, "get", "bob", "c");
        log.add(KEY, TOPLEVEL, "get", "alice", "c");
        clock.addAndGet(AclLog.GROUPING_WINDOW_MILLIS + 1);
        log.add(COMMAND, TOPLEVEL, "get", "alice", "c");
        assertEquals(6, log.newest(100).size());
        assertEquals(1, log.newest(100).get(0).count());
    }

    @Test
    void onlyTheTenNewestEntriesAreCandidatesForGrouping() {
        for (int i = 1; i <= 11; i++) {
            log.add(AUTH, TOPLEVEL, "AUTH", "u" + i, "c");
        }
        log.add(AUTH, TOPLEVEL, "AUTH", "u2", "c"); // 10th newest: grouped
        log.add(AUTH, TOPLEVEL, "AUTH", "u1", "c"); // 12th newest by now: a new entry
        List<AclLog.Entry> entries = log.newest(100);
        assertEquals(12, entries.size());
        assertEquals(List.of("u1", "u2", "u11"), entries.subList(0, 3).stream().map(AclLog.Entry::username).toList());
        assertEquals(List.of(1L, 2L), entries.subList(0, 2).stream().map(AclLog.Entry::count).toList());
    }

    @Test
    void newEntriesTrimToTheMaximumReadAtThatMoment() {
        for (int i = 1; i <= 3; i++) {
            log.add(AUTH, TOPLEVEL, "AUTH", "u" + i, "c");
        }
        maxLength.set(1);
        assertEquals(3, log.newest(100).size(), "lowering the maximum trims nothing yet");
        log.add(AUTH, TOPLEVEL, "AUTH", "u4", "c");
        assertEquals(List.of("u4"), log.newest(100).stream().map(AclLog.Entry::username).toList());
        maxLength.set(0);
        log.add(AUTH, TOPLEVEL, "AUTH", "u4", "c");
        assertEquals(2, log.newest(100).get(0).count(), "a grouped repeat adds nothing, so trims nothing");
        log.add(AUTH, TOPLEVEL, "AUTH", "u5", "c");
        assertEquals(List.of(), log.newest(100));
    }

    @Test
    void newestIsBoundedByTheLogAndResetEmptiesIt() {
        log.add(AUTH, TOPLEVEL, "AUTH", "a", "c");
        log.add(AUTH, TOPLEVEL, "AUTH", "b", "c");
        assertEquals(List.of("b"), log.newest(1).stream().map(AclLog.Entry::username).toList());
        assertEquals(2, log.newest(Long.MAX_VALUE).size());
        assertEquals(0, log.newest(-5).size());
        log.reset();
        assertEquals(0, log.newest(10).size());
    }
}
