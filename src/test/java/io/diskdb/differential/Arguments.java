package io.diskdb.differential;

import java.util.List;
import java.util.Random;

/**
 * Random arguments drawn from small pools, so that a few hundred commands collide on keys, hit
 * wrong types, overflow numbers and parse bad input often.
 */
public final class Arguments {
    private static final List<String> KEYS = List.of("k1", "k2", "k3", "k4", "{t}a", "{t}b");
    private static final List<String> VALUES = List.of("", "v", "hello", "hello world", "0", "1", "-1", "10", "42",
            "007", "1.5", "-0.25", "3e2", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
            " 1", "abc", "\u00e9t\u00e9", "\r\n", "a\u0000b");
    private static final List<String> INTEGERS = List.of("0", "1", "-1", "5", "100", "-100", "9223372036854775807",
            "-9223372036854775808", "abc", "1.5", "", "+3", "0x10");
    private static final List<String> FLOATS = List.of("0", "1", "-1", "0.1", "1.5", "-2.5", "3e2", "1e308",
            "inf", "-inf", "nan", "abc", "", "5.0e-3", "10.50");
    private final Random random;

    public Arguments(Random random) {
        this.random = random;
    }

    /** Every key the generator may use. */
    public static List<String> allKeys() {
        return KEYS;
    }

    public String key() {
        return pick(KEYS);
    }

    public String value() {
        return pick(VALUES);
    }

    public String integer() {
        return pick(INTEGERS);
    }

    public String floating() {
        return pick(FLOATS);
    }

    /** A small offset or length for GETRANGE/SETRANGE, sometimes negative. */
    public String offset() {
        return Integer.toString(random.nextInt(24) - 6);
    }

    /** Seconds of a TTL that cannot run out during a run, or an invalid one. */
    public String seconds() {
        return pick(List.of("100", "200", "1000", "0", "-5", "abc", "9223372036854775807"));
    }

    /** Milliseconds of a TTL far from running out, or an invalid one. */
    public String millis() {
        return pick(List.of("100000", "250000", "0", "-1", "x", "9223372036854775807"));
    }

    /** A unix time in seconds, past or future. */
    public String unixSeconds() {
        long now = System.currentTimeMillis() / 1000;
        return pick(List.of(Long.toString(now + 500), Long.toString(now - 500), "1", "0"));
    }

    public String unixMillis() {
        long now = System.currentTimeMillis();
        return pick(List.of(Long.toString(now + 500_000), Long.toString(now - 500_000), "1"));
    }

    public String db() {
        return Integer.toString(random.nextInt(3));
    }

    public String pattern() {
        return pick(List.of("*", "k*", "k?", "{t}*", "[k]1", "*[1-2]", "nomatch"));
    }

    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** Zero or more of the given options, each with the given probability, in random order. */
    public String[] options(int percent, String... options) {
        List<String> chosen = new java.util.ArrayList<>();
        for (String option : options) {
            if (chance(percent)) {
                chosen.add(option);
            }
        }
        java.util.Collections.shuffle(chosen, random);
        return chosen.toArray(new String[0]);
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    public Random random() {
        return random;
    }
}
