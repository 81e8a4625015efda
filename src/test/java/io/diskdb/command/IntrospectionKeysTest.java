package io.diskdb.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key positions found from the catalog's key specs, as Redis 7 finds them; the locks depend on these. */
class IntrospectionKeysTest {
    private static final Map<String, CommandSpec> CATALOG = CommandCatalog.load();

    private static CommandSpec spec(String name) {
        int bar = name.indexOf('|');
        return bar < 0 ? CATALOG.get(name) : CATALOG.get(name.substring(0, bar)).subcommands().get(name);
    }

    private static byte[][] call(String line) {
        String[] words = line.split(" ");
        byte[][] args = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            args[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        return args;
    }

    private static void assertKeys(String name, String line, int... expected) {
        assertArrayEquals(expected, spec(name).keyPositions(call(line)), line);
    }

    @Test
    void fixedAndSteppedRanges() {
        assertKeys("get", "GET k", 1);
        assertKeys("mset", "MSET a 1 b 2 c 3", 1, 3, 5);
        assertKeys("del", "DEL a b c", 1, 2, 3);
        assertKeys("bitop", "BITOP AND dest a b", 2, 3, 4);
        assertKeys("rpoplpush", "RPOPLPUSH src dst", 1, 2);
    }

    @Test
    void subcommandsHaveTheirOwnSpecs() {
        assertKeys("object|encoding", "OBJECT ENCODING k", 2);
        assertKeys("memory|usage", "MEMORY USAGE k SAMPLES 5", 2);
        assertKeys("config|get", "CONFIG GET maxmemory");
    }

    @Test
    void numkeysCommands() {
        assertKeys("zunionstore", "ZUNIONSTORE d 2 a b WEIGHTS 1 2", 1, 3, 4);
        assertKeys("zinter", "ZINTER 2 a b WITHSCORES", 2, 3);
        assertKeys("lmpop", "LMPOP 2 a b LEFT COUNT 2", 2, 3);
        assertKeys("zmpop", "ZMPOP 1 z MIN", 2);
        assertKeys("blmpop", "BLMPOP 0 2 a b LEFT", 3, 4);
        assertKeys("eval", "EVAL script 2 a b x y", 3, 4);
        assertKeys("eval", "EVAL script 0");
        assertKeys("fcall", "FCALL f 1 k arg", 3);
    }

    @Test
    void badNumkeysYieldNoKeysInsteadOfFailing() {
        assertKeys("eval", "EVAL script -1 a");
        assertKeys("eval", "EVAL script 5 a");
        assertKeys("eval", "EVAL script notanumber a");
        assertKeys("zunionstore", "ZUNIONSTORE d 3 a b");
        assertKeys("zunionstore", "ZUNIONSTORE d -2 a b");
        assertKeys("zunionstore", "ZUNIONSTORE d 0 a");
        assertKeys("lmpop", "LMPOP 99999999999999999999 a LEFT");
        // Redis re-reads a rejected numkeys with atoi: "1abc" counts one key (EVAL then fails on it).
        assertKeys("eval", "EVAL script 1abc k", 3);
    }

    @Test
    void streamsKeywordTakesHalfOfTheRest() {
        assertKeys("xread", "XREAD COUNT 2 STREAMS a b 0 0", 4, 5);
        assertKeys("xread", "XREAD BLOCK 0 STREAMS s $", 4);
        assertKeys("xreadgroup", "XREADGROUP GROUP g c COUNT 1 STREAMS a b > >", 7, 8);
        // A group named STREAMS: the search starts after GROUP's arguments.
        assertKeys("xreadgroup", "XREADGROUP GROUP STREAMS c STREAMS k >", 5);
        assertKeys("xread", "XREAD COUNT 2 a b");
        assertKeys("xread", "XREAD STREAMS a");
    }

    @Test
    void optionalStoreTargets() {
        assertKeys("sort", "SORT k", 1);
        assertKeys("sort", "SORT k BY w_* GET # STORE dst", 1, 7);
        // BY's pattern is skipped, so a pattern spelled "store" is not taken for the keyword.
        assertKeys("sort", "SORT k BY store STORE dst", 1, 5);
        assertKeys("sort_ro", "SORT_RO k BY x", 1);
        assertKeys("georadius", "GEORADIUS k 0 0 1 km STORE d", 1, 7);
        assertKeys("georadius", "GEORADIUS k 0 0 1 km WITHDIST STOREDIST d", 1, 8);
        assertKeys("georadius", "GEORADIUS k 0 0 1 km STORE", 1);
        assertKeys("georadiusbymember", "GEORADIUSBYMEMBER k m 1 km STORE d", 1, 6);
    }

    @Test
    void migrateSingleKeyOrKeysOption() {
        assertKeys("migrate", "MIGRATE host 6379 k 0 5000", 3);
        assertKeys("migrate", "MIGRATE host 6379  0 5000 COPY KEYS a b", 8, 9);
        assertKeys("migrate", "MIGRATE host 6379 k 0 5000 AUTH KEYS x KEYS a");
    }

    @Test
    void flagsComeFromTheSpecOrTheArguments() {
        KeySpecResult lmove = spec("lmove").keys(call("LMOVE a b LEFT RIGHT"));
        assertEquals(List.of("RW", "access", "delete"), lmove.flags(0));
        assertEquals(List.of("RW", "insert"), lmove.flags(1));
        assertEquals(List.of("OW", "update"), spec("set").keys(call("SET k v")).flags(0));
        assertEquals(List.of("RW", "access", "update"), spec("set").keys(call("SET k v GET")).flags(0));
        assertEquals(List.of("RO", "access"), spec("bitfield").keys(call("BITFIELD k GET u8 0")).flags(0));
        assertEquals(List.of("RW", "access", "update"), spec("bitfield").keys(call("BITFIELD k INCRBY u8 0 1")).flags(0));
    }

    @Test
    void channelsAreNotKeys() {
        assertFalse(spec("spublish").hasKeys());
        assertKeys("spublish", "SPUBLISH ch msg");
        assertFalse(spec("ping").hasKeys());
        assertTrue(spec("sort").hasKeys());
    }

    @Test
    void malformedCallsOfEveryCommandNeverThrowAndStayInBounds() {
        Random random = new Random(7);
        String[] words = {"k", "0", "1", "2", "-1", "3", "STREAMS", "STORE", "KEYS", "GET", "BY", "LIMIT",
                "STOREDIST", "GROUP", "", "99999999999999999999", "x"};
        List<CommandSpec> all = new ArrayList<>();
        CATALOG.values().forEach(spec -> {
            all.add(spec);
            all.addAll(spec.subcommands().values());
        });
        for (CommandSpec spec : all) {
            for (int round = 0; round < 200; round++) {
                int argc = 1 + random.nextInt(9);
                byte[][] args = new byte[argc][];
                args[0] = spec.name().getBytes(StandardCharsets.UTF_8);
                for (int i = 1; i < argc; i++) {
                    args[i] = words[random.nextInt(words.length)].getBytes(StandardCharsets.UTF_8);
                }
                for (int position : spec.keyPositions(args)) {
                    assertTrue(position >= 1 && position < argc, spec.name() + " position " + position);
                }
            }
        }
    }
}
