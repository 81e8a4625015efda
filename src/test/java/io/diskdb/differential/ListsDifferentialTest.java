package io.diskdb.differential;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * DiskDB against Redis 7.0 on the list commands, with random sequences over six keys so that
 * pushes, pops, trims, removals, inserts and moves interleave with wrong types (SET), deletes and
 * bad arguments. Blocking commands appear only with data present or a tiny timeout: what they
 * do when they wait is BlockingListCommandsTest's subject.
 */
class ListsDifferentialTest extends DifferentialTest {
    private static final int STEPS = 400;
    private static final List<String> ELEMENTS = List.of("a", "b", "c", "a", "", "0", "-1", "x y", "a\u0000b", "\u00e9");

    static final List<CommandRow> TABLE = List.of(
            row("lpush", (r, a) -> Step.of(concat("LPUSH", a.key(), elements(r, 1 + r.nextInt(4))))),
            row("rpush", (r, a) -> Step.of(concat("RPUSH", a.key(), elements(r, 1 + r.nextInt(4))))),
            row("rpush", (r, a) -> Step.of(concat("RPUSH", a.key(), elements(r, 1 + r.nextInt(4))))),
            row("rpush", (r, a) -> a.chance(10) ? Step.of(concat("RPUSH", a.key(), elements(r, 80 + r.nextInt(100))))
                    : Step.of("RPUSH", a.key(), element(r))),
            row("lpushx", (r, a) -> Step.of(concat("LPUSHX", a.key(), elements(r, 1 + r.nextInt(2))))),
            row("rpushx", (r, a) -> Step.of(concat("RPUSHX", a.key(), elements(r, 1 + r.nextInt(2))))),
            row("lpop", (r, a) -> a.chance(60) ? Step.of("LPOP", a.key()) : Step.of("LPOP", a.key(), count(r, a))),
            row("rpop", (r, a) -> a.chance(60) ? Step.of("RPOP", a.key()) : Step.of("RPOP", a.key(), count(r, a))),
            row("llen", (r, a) -> Step.of("LLEN", a.key())),
            row("lindex", (r, a) -> Step.of("LINDEX", a.key(), index(r, a))),
            row("lset", (r, a) -> Step.of("LSET", a.key(), index(r, a), element(r))),
            row("lrange", (r, a) -> Step.of("LRANGE", a.key(), index(r, a), index(r, a))),
            row("lrange", (r, a) -> Step.of("LRANGE", a.key(), "0", "-1")),
            row("ltrim", (r, a) -> Step.of("LTRIM", a.key(), index(r, a), index(r, a))),
            row("lrem", (r, a) -> Step.of("LREM", a.key(), a.pick(List.of("0", "1", "2", "-1", "-2", "x")), element(r))),
            row("linsert", (r, a) -> Step.of("LINSERT", a.key(), a.pick(List.of("BEFORE", "after", "middle")), element(r), element(r))),
            row("lpos", ListsDifferentialTest::lpos),
            row("lmove", (r, a) -> Step.of("LMOVE", a.key(), a.key(), end(a), end(a))),
            row("rpoplpush", (r, a) -> Step.of("RPOPLPUSH", a.key(), a.key())),
            row("lmpop", ListsDifferentialTest::lmpop),
            row("blpop", (r, a) -> Step.of("BLPOP", a.key(), a.key(), a.pick(List.of("0.01", "x", "-1")))),
            row("brpop", (r, a) -> Step.of("BRPOP", a.key(), "0.01")),
            row("blmove", (r, a) -> Step.of("BLMOVE", a.key(), a.key(), end(a), end(a), "0.01")),
            row("blmpop", (r, a) -> Step.of("BLMPOP", "0.01", "1", a.key(), end(a), "COUNT", "2")),
            // other types and deletes, so WRONGTYPE and re-creation happen
            row("set", (r, a) -> Step.of("SET", a.key(), a.value())),
            row("del", (r, a) -> Step.of("DEL", a.key())),
            row("type", (r, a) -> Step.of("TYPE", a.key())),
            row("exists", (r, a) -> Step.of("EXISTS", a.key())));

    /**
     * Long lists read whole and in wide ranges, so that reads are answered from cached pages of
     * elements while every kind of write changes the lists, alone and inside MULTI/EXEC, and keys
     * are renamed, deleted and re-created under them.
     */
    static final List<CommandRow> LONG_LISTS = java.util.stream.Stream.concat(TABLE.stream(), java.util.stream.Stream.of(
            row("rpush", (r, a) -> Step.of(concat("RPUSH", a.key(), elements(r, 40 + r.nextInt(100))))),
            row("lpush", (r, a) -> Step.of(concat("LPUSH", a.key(), elements(r, 40 + r.nextInt(100))))),
            row("lrange", (r, a) -> Step.of("LRANGE", a.key(), wideIndex(r), wideIndex(r))),
            row("lrange", (r, a) -> Step.of("LRANGE", a.key(), wideIndex(r), wideIndex(r))),
            row("lrange", (r, a) -> Step.of("LRANGE", a.key(), "0", "-1")),
            row("lindex", (r, a) -> Step.of("LINDEX", a.key(), wideIndex(r))),
            row("lset", (r, a) -> Step.of("LSET", a.key(), wideIndex(r), element(r))),
            row("ltrim", (r, a) -> Step.of("LTRIM", a.key(), wideIndex(r), wideIndex(r))),
            row("linsert", (r, a) -> Step.of("LINSERT", a.key(), a.pick(List.of("BEFORE", "AFTER")), element(r), element(r))),
            row("rename", (r, a) -> Step.of("RENAME", a.key(), a.key())),
            row("multi", (r, a) -> Step.of("MULTI")),
            row("exec", (r, a) -> Step.of("EXEC")),
            row("exec", (r, a) -> Step.of("EXEC")))).toList();

    private static String wideIndex(Random r) {
        return Integer.toString(r.nextInt(300) - 150);
    }

    private static CommandRow row(String command, BiFunction<Random, Arguments, Step> generator) {
        return new CommandRow(command, generator);
    }

    private static String element(Random r) {
        return ELEMENTS.get(r.nextInt(ELEMENTS.size()));
    }

    private static String[] elements(Random r, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = element(r);
        }
        return out;
    }

    private static String index(Random r, Arguments a) {
        return a.chance(5) ? a.pick(List.of("x", "1.5", "9223372036854775807", "-9223372036854775808"))
                : Integer.toString(r.nextInt(14) - 7);
    }

    private static String count(Random r, Arguments a) {
        return a.chance(10) ? a.pick(List.of("-1", "x", "9223372036854775807")) : Integer.toString(r.nextInt(5));
    }

    private static String end(Arguments a) {
        return a.chance(3) ? "UP" : a.pick(List.of("LEFT", "RIGHT", "left"));
    }

    private static Step lpos(Random r, Arguments a) {
        List<String> args = new ArrayList<>(List.of("LPOS", a.key(), element(r)));
        if (a.chance(40)) {
            args.addAll(List.of("RANK", a.pick(List.of("1", "2", "-1", "-2", "3", "0", "-9223372036854775808"))));
        }
        if (a.chance(40)) {
            args.addAll(List.of("COUNT", a.pick(List.of("0", "1", "2", "-1"))));
        }
        if (a.chance(30)) {
            args.addAll(List.of("MAXLEN", a.pick(List.of("0", "1", "3", "-1"))));
        }
        if (a.chance(3)) {
            args.add(a.pick(List.of("RANK", "BOGUS")));
        }
        return Step.of(args.toArray(new String[0]));
    }

    private static Step lmpop(Random r, Arguments a) {
        int numkeys = 1 + r.nextInt(3);
        List<String> args = new ArrayList<>(List.of("LMPOP", a.chance(5) ? a.pick(List.of("0", "x", "9")) : Integer.toString(numkeys)));
        for (int i = 0; i < numkeys; i++) {
            args.add(a.key());
        }
        args.add(end(a));
        if (a.chance(50)) {
            args.addAll(List.of("COUNT", a.pick(List.of("1", "2", "5", "0", "-1"))));
        }
        return Step.of(args.toArray(new String[0]));
    }


    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 20240601})
    void randomSequencesMatchRedis(long seed) {
        runRandom(seed, STEPS, TABLE);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void longListsReadFromCachedPagesMatchRedis(long seed) {
        runRandom(seed, 600, LONG_LISTS);
    }

    @Test
    void aNewSeedEachRun() {
        runRandom(System.nanoTime(), STEPS, TABLE);
    }

    @Test
    void errorsAndEdgeCases() {
        String[][] cases = {
                {"LPUSH", "k"}, {"RPUSH"}, {"LPOP"}, {"LPOP", "k", "1", "2"}, {"LLEN"}, {"LINDEX", "k"},
                {"LSET", "k", "0"}, {"LRANGE", "k", "0"}, {"LTRIM", "k", "0"}, {"LREM", "k", "0"},
                {"LINSERT", "k", "before", "a"}, {"LPOS", "k"}, {"LMOVE", "a", "b", "LEFT"}, {"RPOPLPUSH", "a"},
                {"LMPOP", "1", "k"}, {"BLPOP", "k"}, {"BLMOVE", "a", "b", "LEFT", "LEFT"}, {"BLMPOP", "0", "1", "k"},
                {"RPUSH", "k", "a", "b", "c", "a"},
                {"LPOS", "k", "a", "RANK", "-9223372036854775808"}, {"LPOS", "k", "a", "RANK", "-9223372036854775808", "COUNT", "1"},
                {"LPOS", "k", "a", "RANK", "1", "RANK", "2"}, {"LPOS", "k", "a", "MAXLEN", "x"}, {"LPOS", "k", "a", "COUNT", "x"},
                {"LREM", "k", "-9223372036854775808", "a"}, {"LRANGE", "k", "-9223372036854775808", "9223372036854775807"},
                {"LINDEX", "k", "-9223372036854775808"}, {"LSET", "k", "9223372036854775807", "x"},
                {"LMPOP", "9223372036854775807", "k", "LEFT"}, {"LMPOP", "1", "k", "LEFT", "COUNT"},
                {"BLPOP", "k", "1e400"}, {"BLPOP", "k", "0x10"}, {"BLPOP", "k", "inf"}, {"BLPOP", "k", "-0.5"},
                {"BLMPOP", "x", "1", "k", "LEFT"}, {"BLMPOP", "0", "-1", "k", "LEFT"},
                {"LMOVE", "k", "k", "RIGHT", "LEFT"}, {"LRANGE", "k", "0", "-1"},
                {"SET", "s", "v"}, {"LMOVE", "nokey", "s", "LEFT", "LEFT"}, {"LMOVE", "k", "s", "LEFT", "LEFT"},
                {"BLMOVE", "k", "s", "LEFT", "LEFT", "0"}, {"BLPOP", "nokey", "s", "0"}, {"LMPOP", "2", "nokey", "s", "LEFT"},
        };
        for (String[] args : cases) {
            assertSameReply(args);
        }
    }
}
