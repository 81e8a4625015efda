package io.diskdb.interop;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The bookkeeping of one run of the scenario (../../SCENARIO.md): key prefix, checks, skipped
 * parts, the final "N passed, N failed, N skipped" line. The parts themselves and their order
 * live in {@link ScenarioParts}; each client adapts its API to them as a {@link ScenarioClient}.
 */
final class Scenario {
    static final String HOST = System.getenv().getOrDefault("DISKDB_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("DISKDB_PORT", "6380"));
    static final String PASSWORD = emptyToNull(System.getenv("DISKDB_PASSWORD"));

    interface Body {
        void run(String part) throws Exception;
    }

    private final String prefix;
    private final Function<String[], List<?>> commandInfo;
    private final Set<String> keys = new LinkedHashSet<>();
    private int passed;
    private int failed;
    private int skipped;

    /** @param commandInfo runs COMMAND INFO for the names; a null entry means unknown to the server */
    Scenario(String client, Function<String[], List<?>> commandInfo) {
        this.prefix = "it:" + client + ":" + ThreadLocalRandom.current().nextInt(1 << 30) + ":";
        this.commandInfo = commandInfo;
    }

    String key(String name) {
        String key = prefix + name;
        keys.add(key);
        return key;
    }

    String[] keysUsed() {
        return keys.toArray(new String[0]);
    }

    void check(String part, String what, Object got, Object want) {
        if (Objects.equals(got, want)) {
            passed++;
            System.out.println("PASS " + part + ": " + what);
        } else {
            failed++;
            System.out.println("FAIL " + part + ": " + what + ": got " + got + ", want " + want);
        }
    }

    void part(String name, Body body, String... commands) {
        List<?> infos = commandInfo.apply(commands);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < commands.length; i++) {
            if (infos.get(i) == null) {
                missing.add(commands[i].toUpperCase(Locale.ROOT));
            }
        }
        if (!missing.isEmpty()) {
            skipped++;
            System.out.println("SKIP " + name + ": server lacks " + String.join(", ", missing));
            return;
        }
        try {
            body.run(name);
        } catch (Exception | AssertionError e) { // one broken part must not hide the others
            failed++;
            System.out.println("FAIL " + name + ": " + e);
        }
    }

    /** Prints the summary line; returns the process exit status. */
    int finish() {
        System.out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        return failed == 0 ? 0 : 1;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
