package io.diskdb.differential;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * DiskDB against Redis 7.0 on the string and key commands, with random sequences over six
 * keys so that overwrites, wrong types, overflows, bad numbers and expiry all happen.
 *
 * <p>The table below is the list of commands covered; one row may appear several times to
 * weigh it. While a command family is not yet implemented its rows fail with "unknown
 * command"; run a subset with e.g. {@code -Ddifferential.commands=get,set,ping,echo,select}.
 */
class StringsAndKeysDifferentialTest extends DifferentialTest {
    private static final int STEPS = 250;

    static final List<CommandRow> TABLE = List.of(
            // connection
            row("ping", (r, a) -> a.chance(70) ? Step.of("PING") : Step.of("PING", a.value())),
            row("echo", (r, a) -> a.chance(90) ? Step.of("ECHO", a.value()) : Step.of("ECHO")),
            row("select", (r, a) -> Step.of("SELECT", a.chance(85) ? a.db() : a.pick(List.of("16", "-1", "abc")))),

            // strings
            row("get", (r, a) -> a.chance(95) ? Step.of("GET", a.key()) : Step.of("GET")),
            row("get", (r, a) -> Step.of("GET", a.key())),
            row("set", StringsAndKeysDifferentialTest::set),
            row("set", StringsAndKeysDifferentialTest::set),
            row("set", (r, a) -> Step.expiringSoon("SET", a.key(), a.value(), "PX", "1")),
            row("setnx", (r, a) -> Step.of("SETNX", a.key(), a.value())),
            row("setex", (r, a) -> Step.of("SETEX", a.key(), a.seconds(), a.value())),
            row("psetex", (r, a) -> a.chance(20)
                    ? Step.expiringSoon("PSETEX", a.key(), "1", a.value())
                    : Step.of("PSETEX", a.key(), a.millis(), a.value())),
            row("getset", (r, a) -> Step.of("GETSET", a.key(), a.value())),
            row("getdel", (r, a) -> Step.of("GETDEL", a.key())),
            row("getex", StringsAndKeysDifferentialTest::getex),
            row("mget", (r, a) -> Step.of(concat("MGET", keys(a, 1 + r.nextInt(4))))),
            row("mset", (r, a) -> Step.of(concat("MSET", pairs(a, r.nextInt(3) + (a.chance(90) ? 1 : 0), a.chance(10))))),
            row("msetnx", (r, a) -> Step.of(concat("MSETNX", pairs(a, 1 + r.nextInt(2), a.chance(10))))),
            row("incr", (r, a) -> Step.of("INCR", a.key())),
            row("decr", (r, a) -> Step.of("DECR", a.key())),
            row("incrby", (r, a) -> a.chance(95) ? Step.of("INCRBY", a.key(), a.integer()) : Step.of("INCRBY", a.key())),
            row("decrby", (r, a) -> Step.of("DECRBY", a.key(), a.integer())),
            row("incrbyfloat", (r, a) -> Step.of("INCRBYFLOAT", a.key(), a.floating())),
            row("append", (r, a) -> Step.of("APPEND", a.key(), a.value())),
            row("strlen", (r, a) -> Step.of("STRLEN", a.key())),
            row("getrange", (r, a) -> Step.of("GETRANGE", a.key(), a.offset(), a.chance(90) ? a.offset() : "x")),
            row("setrange", (r, a) -> Step.of("SETRANGE", a.key(), a.chance(90) ? a.offset() : "abc", a.value())),

            // keys
            row("del", (r, a) -> Step.of(concat("DEL", keys(a, 1 + r.nextInt(3))))),
            row("exists", (r, a) -> Step.of(concat("EXISTS", keys(a, 1 + r.nextInt(4))))),
            row("type", (r, a) -> Step.of("TYPE", a.key())),
            row("expire", (r, a) -> Step.of(concat("EXPIRE", a.key(), a.seconds(), expireFlags(a)))),
            row("pexpire", (r, a) -> a.chance(15)
                    ? Step.expiringSoon("PEXPIRE", a.key(), "1")
                    : Step.of(concat("PEXPIRE", a.key(), a.millis(), expireFlags(a)))),
            row("expireat", (r, a) -> Step.of(concat("EXPIREAT", a.key(), a.unixSeconds(), expireFlags(a)))),
            row("pexpireat", (r, a) -> Step.of(concat("PEXPIREAT", a.key(), a.unixMillis(), expireFlags(a)))),
            row("ttl", (r, a) -> Step.of("TTL", a.key())),
            row("pttl", (r, a) -> Step.of("PTTL", a.key())),
            row("persist", (r, a) -> Step.of("PERSIST", a.key())),
            row("rename", (r, a) -> Step.of("RENAME", a.key(), a.key())),
            row("renamenx", (r, a) -> Step.of("RENAMENX", a.key(), a.key())),
            row("copy", (r, a) -> Step.of(concat("COPY", a.key(), a.key(),
                    a.chance(30) ? new String[]{"DB", a.db()} : new String[0], a.options(40, "REPLACE")))),
            row("dbsize", (r, a) -> a.chance(95) ? Step.of("DBSIZE") : Step.of("DBSIZE", "x")),
            row("keys", (r, a) -> Step.of("KEYS", a.pattern())),
            row("touch", (r, a) -> Step.of(concat("TOUCH", keys(a, 1 + r.nextInt(3))))));

    private static CommandRow row(String command, BiFunction<Random, Arguments, Step> generator) {
        return new CommandRow(command, generator);
    }

    /** SET with its options in random order; an option and its value stay together except in the garbage case. */
    private static Step set(Random r, Arguments a) {
        List<String[]> options = new ArrayList<>();
        switch (r.nextInt(8)) {
            case 0 -> options.add(new String[]{"EX", a.seconds()});
            case 1 -> options.add(new String[]{"PX", a.millis()});
            case 2 -> options.add(new String[]{"EXAT", a.unixSeconds()});
            case 3 -> options.add(new String[]{"PXAT", a.unixMillis()});
            case 4 -> options.add(new String[]{"KEEPTTL"});
            default -> { }
        }
        for (String flag : a.options(25, "NX", "XX", "GET")) {
            options.add(new String[]{flag});
        }
        if (a.chance(5)) {
            // a conflicting, dangling or unknown option: Redis reports a syntax error before any bad number
            options.add(new String[]{a.pick(List.of("EX", "KEEPTTL", "PX", "BOGUS"))});
        }
        java.util.Collections.shuffle(options, r);
        List<String> args = new ArrayList<>(List.of("SET", a.key(), a.value()));
        options.forEach(option -> args.addAll(List.of(option)));
        return Step.of(args.toArray(new String[0]));
    }

    private static Step getex(Random r, Arguments a) {
        return switch (r.nextInt(7)) {
            case 0 -> Step.of("GETEX", a.key(), "EX", a.seconds());
            case 1 -> Step.of("GETEX", a.key(), "PX", a.millis());
            case 2 -> Step.of("GETEX", a.key(), "EXAT", a.unixSeconds());
            case 3 -> Step.of("GETEX", a.key(), "PXAT", a.unixMillis());
            case 4 -> Step.of("GETEX", a.key(), "PERSIST");
            case 5 -> Step.of("GETEX", a.key(), "EX", "10", "PERSIST");
            default -> Step.of("GETEX", a.key());
        };
    }

    private static String[] expireFlags(Arguments a) {
        return a.chance(60) ? new String[0] : a.options(35, "NX", "XX", "GT", "LT");
    }

    private static String[] keys(Arguments a, int count) {
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = a.key();
        }
        return keys;
    }

    /** Key-value pairs; {@code dangling} adds a key without a value (a wrong-arity request). */
    private static String[] pairs(Arguments a, int count, boolean dangling) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(a.key());
            out.add(a.value());
        }
        if (dangling) {
            out.add(a.key());
        }
        return out.toArray(new String[0]);
    }


    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20240601})
    void randomSequencesMatchRedis(long seed) {
        runRandom(seed, STEPS, TABLE);
    }

    @Test
    void aNewSeedEachRun() {
        runRandom(System.nanoTime(), STEPS, TABLE);
    }

    @Test
    void wrongArityAndBadNumbers() {
        String[][] cases = {
                {"GET"}, {"SET", "k"}, {"SETNX", "k"}, {"SETEX", "k", "10"}, {"PSETEX", "k"}, {"GETSET", "k"},
                {"GETDEL"}, {"GETEX"}, {"MGET"}, {"MSET"}, {"MSET", "a"}, {"MSET", "a", "1", "b"}, {"MSETNX", "a"},
                {"INCR"}, {"DECR", "a", "b"}, {"INCRBY", "k"}, {"DECRBY", "k"}, {"INCRBYFLOAT", "k"}, {"APPEND", "k"},
                {"STRLEN"}, {"GETRANGE", "k", "0"}, {"SETRANGE", "k", "0"}, {"DEL"}, {"EXISTS"}, {"TYPE"},
                {"EXPIRE", "k"}, {"PEXPIRE", "k"}, {"EXPIREAT", "k"}, {"PEXPIREAT", "k"}, {"TTL"}, {"PTTL", "a", "b"},
                {"PERSIST"}, {"RENAME", "a"}, {"RENAMENX", "a"}, {"COPY", "a"}, {"DBSIZE", "x"}, {"KEYS"},
                {"TOUCH"}, {"SELECT"}, {"ECHO"},
                {"SET", "n", "10"},
                {"INCRBY", "n", "abc"}, {"INCRBY", "n", "1.5"}, {"INCRBY", "n", "9223372036854775807"},
                {"DECRBY", "n", "-9223372036854775808"}, {"INCRBYFLOAT", "n", "abc"}, {"INCRBYFLOAT", "n", "inf"},
                {"SETEX", "k", "0", "v"}, {"SETEX", "k", "-1", "v"}, {"SETEX", "k", "abc", "v"}, {"PSETEX", "k", "0", "v"},
                {"SET", "k", "v", "EX", "0"}, {"SET", "k", "v", "EX", "abc"}, {"SET", "k", "v", "PX", "-1"},
                {"SET", "k", "v", "NX", "XX"}, {"SET", "k", "v", "EX", "10", "PX", "100"}, {"SET", "k", "v", "EX"},
                {"SET", "k", "v", "EX", "9223372036854775807"},
                {"EXPIRE", "n", "abc"}, {"EXPIRE", "n", "10", "NX", "XX"}, {"EXPIRE", "n", "10", "GT", "LT"},
                {"EXPIRE", "n", "10", "BOGUS"}, {"EXPIRE", "n", "9223372036854775807"},
                {"GETRANGE", "n", "a", "1"}, {"SETRANGE", "n", "-1", "x"}, {"SETRANGE", "n", "536870912", "x"},
                {"SELECT", "16"}, {"SELECT", "x"}, {"COPY", "n", "m", "DB", "x"}, {"COPY", "n", "m", "BOGUS"},
        };
        for (String[] args : cases) {
            assertSameReply(args);
        }
    }
}
