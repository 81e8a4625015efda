package io.diskdb.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Tiny helpers for writing YAML scalars by hand (the config writer keeps comments, Jackson can't). */
final class Yaml {
    private Yaml() {
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_./][A-Za-z0-9_./-]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on",
            "off", "y", "n", "null");

    /**
     * The string as a YAML scalar: bare when YAML would read it back as the same string
     * (words like lz4 or ./data), double-quoted otherwise, with escapes valid in YAML.
     */
    static String quote(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
