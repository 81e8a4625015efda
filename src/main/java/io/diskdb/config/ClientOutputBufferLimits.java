package io.diskdb.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client-output-buffer-limit value: "class hard soft seconds" for the classes
 * normal, slave (alias replica) and pubsub. As in Redis, a CONFIG SET names only the
 * classes it changes; the others keep their limits, hence {@link #merge}.
 */
final class ClientOutputBufferLimits {
    private static final String[] CLASSES = {"normal", "slave", "pubsub"};

    private ClientOutputBufferLimits() {
    }

    /**
     * Validates the whole text first (Redis accepts all of it or nothing) and returns it
     * with classes canonical and sizes in bytes, e.g. "normal 1048576 0 0".
     */
    static String normalize(String text) throws InvalidValueException {
        String trimmed = text.trim();
        String[] a = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (a.length % 4 != 0) {
            throw ValueTypes.invalid("Wrong number of arguments in buffer limit configuration.",
                    "must be groups of \"class hard soft seconds\"", text);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < a.length; i += 4) {
            String cls = canonicalClass(a[i]);
            if (cls == null) {
                throw ValueTypes.invalid("Invalid client class specified in buffer limit configuration.",
                        "must name the classes normal, replica or pubsub", text);
            }
            long hard = Units.parseSize(a[i + 1]);
            long soft = Units.parseSize(a[i + 2]);
            Long seconds = ValueTypes.strictLong(a[i + 3]);
            if (hard < 0 || soft < 0 || seconds == null || seconds < 0) {
                throw ValueTypes.invalid("Error in hard, soft or soft_seconds setting in buffer limit configuration.",
                        "must give sizes for hard and soft and whole seconds", text);
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(cls).append(' ').append(hard).append(' ').append(soft).append(' ').append(seconds);
        }
        return out.toString();
    }

    /** The current full value with the classes named in {@code update} replaced. */
    static String merge(String current, String update) {
        Map<String, String> limits = split(current);
        limits.putAll(split(update));
        StringBuilder out = new StringBuilder();
        for (String cls : CLASSES) {
            String v = limits.getOrDefault(cls, "0 0 0");
            out.append(out.length() == 0 ? "" : " ").append(cls).append(' ').append(v);
        }
        return out.toString();
    }

    private static Map<String, String> split(String normalized) {
        Map<String, String> m = new LinkedHashMap<>();
        String[] a = normalized.isEmpty() ? new String[0] : normalized.split(" ");
        for (int i = 0; i + 3 < a.length; i += 4) {
            m.put(a[i], a[i + 1] + " " + a[i + 2] + " " + a[i + 3]);
        }
        return m;
    }

    private static String canonicalClass(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "normal":
                return "normal";
            case "slave", "replica":
                return "slave";
            case "pubsub":
                return "pubsub";
            default:
                return null;
        }
    }
}
