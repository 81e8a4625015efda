package io.diskdb.server;

import io.diskdb.config.Settings;

import java.util.HashMap;
import java.util.Map;

/**
 * client-output-buffer-limit by client class ("normal", "pubsub", "slave"), read from the
 * live setting (already normalised to bytes by the config layer) and parsed again only when a
 * CONFIG SET changed it.
 */
final class OutputBufferLimits {
    /** One class's limits; zero means none. A soft limit only counts once exceeded for longer than softSeconds. */
    record Limit(long hard, long soft, long softSeconds) {
        static final Limit NONE = new Limit(0, 0, 0);

        boolean none() {
            return hard == 0 && soft == 0;
        }
    }

    private record Parsed(String text, Map<String, Limit> byClass) {
    }

    private final Settings settings;
    private volatile Parsed parsed = new Parsed("", Map.of());

    OutputBufferLimits(Settings settings) {
        this.settings = settings;
    }

    Limit of(String clientClass) {
        String text = settings.getClientOutputBufferLimit();
        Parsed current = parsed;
        if (!current.text().equals(text)) {
            current = new Parsed(text, parse(text));
            parsed = current;
        }
        return current.byClass().getOrDefault(clientClass, Limit.NONE);
    }

    /** "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60" */
    static Map<String, Limit> parse(String normalized) {
        Map<String, Limit> out = new HashMap<>();
        String[] a = normalized.trim().isEmpty() ? new String[0] : normalized.trim().split("\\s+");
        for (int i = 0; i + 3 < a.length; i += 4) {
            out.put(a[i], new Limit(Long.parseLong(a[i + 1]), Long.parseLong(a[i + 2]), Long.parseLong(a[i + 3])));
        }
        return out;
    }
}
