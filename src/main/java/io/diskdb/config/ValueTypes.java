package io.diskdb.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The value kinds of the parameter table, each with Redis 7's CONFIG SET error wording. */
final class ValueTypes {
    private ValueTypes() {
    }

    static InvalidValueException invalid(String redisReason, String plainReason, String got) {
        return new InvalidValueException(redisReason, plainReason + " (got '" + got + "')");
    }

    /**
     * Parses like Redis's {@code string2ll}: optional '-', digits, no '+', no spaces, no
     * leading zeros. Returns null when the text is not such an integer.
     */
    static Long strictLong(String s) {
        int n = s.length();
        if (n == 0 || n > 20) {
            return null;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == n || (s.charAt(i) == '0' && n > i + 1) || (i == 1 && s.charAt(1) == '0')) {
            return null;
        }
        for (int j = i; j < n; j++) {
            if (s.charAt(j) < '0' || s.charAt(j) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static ValueType<Long> integer(long min, long max) {
        return new ValueType<>() {
            public Long parse(String text) throws InvalidValueException {
                Long v = strictLong(text);
                if (v == null) {
                    throw invalid("argument couldn't be parsed into an integer", "must be an integer", text);
                }
                return checkRange(v, min, max, text);
            }

            public String format(Long v) {
                return v.toString();
            }

            public String yaml(Long v) {
                return v.toString();
            }
        };
    }

    /**
     * Like {@link #integer} over 0..INT_MAX, then silently clamped to [low, high], as
     * Redis does for {@code hz} (CONFIG SET hz 0 gives 1, hz 100000 gives 500).
     */
    static ValueType<Long> clamped(long low, long high) {
        ValueType<Long> checked = integer(0, Integer.MAX_VALUE);
        return new ValueType<>() {
            public Long parse(String text) throws InvalidValueException {
                return Math.max(low, Math.min(high, checked.parse(text)));
            }

            public String format(Long v) {
                return v.toString();
            }

            public String yaml(Long v) {
                return v.toString();
            }
        };
    }

    static Long checkRange(long v, long min, long max, String text) throws InvalidValueException {
        if (v < min || v > max) {
            throw invalid("argument must be between " + min + " and " + max + " inclusive",
                    "must be between " + min + " and " + max, text);
        }
        return v;
    }

    /** Bytes with optional unit (see {@link Units#parseSize}); CONFIG GET shows plain bytes. */
    static ValueType<Long> memory(long min) {
        return new ValueType<>() {
            public Long parse(String text) throws InvalidValueException {
                long v = Units.parseSize(text);
                if (v < 0) {
                    throw invalid("argument must be a memory value",
                            "must be a size such as 512kb, 100mb, 1gb or a number of bytes", text);
                }
                return checkRange(v, min, Long.MAX_VALUE, text);
            }

            public String format(Long v) {
                return v.toString();
            }

            public String yaml(Long v) {
                return Units.formatSize(v);
            }
        };
    }

    /** Milliseconds with optional unit (see {@link Units#parseDuration}). */
    static ValueType<Long> duration(long minMs) {
        return new ValueType<>() {
            public Long parse(String text) throws InvalidValueException {
                long v = Units.parseDuration(text);
                if (v < 0) {
                    throw invalid("argument must be a duration such as 1000ms, 1s or 5m",
                            "must be a duration such as 1000ms, 1s or 5m (a plain number is ms)", text);
                }
                if (v < minMs) {
                    throw invalid("argument must be at least " + minMs + "ms",
                            "must be at least " + minMs + "ms", text);
                }
                return v;
            }

            public String format(Long v) {
                return v.toString();
            }

            public String yaml(Long v) {
                return Units.formatDuration(v);
            }
        };
    }

    static final ValueType<Boolean> BOOL = new ValueType<>() {
        public Boolean parse(String text) throws InvalidValueException {
            // yes/no is Redis; true/false is what YAML users write.
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "yes", "true":
                    return true;
                case "no", "false":
                    return false;
                default:
                    throw invalid("argument must be 'yes' or 'no'", "must be yes or no", text);
            }
        }

        public String format(Boolean v) {
            return v ? "yes" : "no";
        }

        public String yaml(Boolean v) {
            return v ? "true" : "false";
        }
    };

    /** Any string; with {@code emptyIsNull} an empty value is stored as null (no password). */
    static ValueType<String> string(boolean emptyIsNull) {
        return new ValueType<>() {
            public String parse(String text) {
                return emptyIsNull && text.isEmpty() ? null : text;
            }

            public String format(String v) {
                return v == null ? "" : v;
            }
        };
    }

    /**
     * A directory. CONFIG GET answers with its absolute path, as Redis does (it reports its
     * working directory after changing into it); CONFIG REWRITE keeps the path as written, so
     * that a configuration relative to where DiskDB starts stays relative.
     */
    static final ValueType<String> DIRECTORY = new ValueType<>() {
        public String parse(String text) {
            return text;
        }

        public String format(String v) {
            return Path.of(v).toAbsolutePath().normalize().toString();
        }

        public String yaml(String v) {
            return Yaml.quote(v);
        }
    };

    /** One of a fixed set of lowercase words, matched ignoring case. */
    static ValueType<String> oneOf(String... words) {
        return new ValueType<>() {
            public String parse(String text) throws InvalidValueException {
                for (String w : words) {
                    if (w.equalsIgnoreCase(text.trim())) {
                        return w;
                    }
                }
                throw invalid("argument(s) must be one of the following: " + String.join(", ", words),
                        "must be one of " + String.join(", ", words), text);
            }

            public String format(String v) {
                return v;
            }
        };
    }

    static final ValueType<SyncPolicy> SYNC = new ValueType<>() {
        public SyncPolicy parse(String text) throws InvalidValueException {
            SyncPolicy p = SyncPolicy.parse(text);
            if (p == null) {
                // Redis lists its enum in table order: everysec, always, no.
                throw invalid("argument(s) must be one of the following: everysec, always, no",
                        "must be one of always, everysec, no", text);
            }
            return p;
        }

        public String format(SyncPolicy v) {
            return v.word();
        }
    };

    static final ValueType<Compression> COMPRESSION = new ValueType<>() {
        public Compression parse(String text) throws InvalidValueException {
            Compression c = Compression.parse(text);
            if (c == null) {
                throw invalid("argument(s) must be one of the following: none, snappy, lz4, zstd",
                        "must be one of none, snappy, lz4, zstd", text);
            }
            return c;
        }

        public String format(Compression v) {
            return v.word();
        }
    };

    /** Stored as DiskDB's word (trace..error); CONFIG GET shows the Redis word. */
    static final ValueType<String> LOG_LEVEL = new ValueType<>() {
        public String parse(String text) throws InvalidValueException {
            String level = Logging.normalize(text);
            if (level == null) {
                throw invalid("argument(s) must be one of the following: debug, verbose, notice, warning",
                        "must be one of trace, debug, info, warn, error (or Redis's verbose, notice, warning)",
                        text);
            }
            return level;
        }

        public String format(String v) {
            return Logging.toRedisWord(v);
        }

        public String yaml(String v) {
            return Yaml.quote(v);
        }
    };

    /** replicaof: "host port" or "host:port", kept as "host port"; "" = no master. */
    static final ValueType<String> REPLICAOF = new ValueType<>() {
        public String parse(String text) throws InvalidValueException {
            try {
                MasterAddress address = MasterAddress.parse(text);
                return address == null ? "" : address.toString();
            } catch (IllegalArgumentException e) {
                throw invalid("argument " + e.getMessage(), e.getMessage(), text);
            }
        }

        public String format(String v) {
            return v;
        }
    };

    /** Redis "save": pairs of "seconds changes", or "" for none; normalised on the way in. */
    static final ValueType<String> SAVE = new ValueType<>() {
        public String parse(String text) throws InvalidValueException {
            if (text.isEmpty()) {
                return "";
            }
            String[] parts = text.split(" ", -1);
            List<String> out = new ArrayList<>();
            for (String p : parts) {
                Long v = strictLong(p);
                if (v == null || v < 0) {
                    out = null;
                    break;
                }
                out.add(v.toString());
            }
            if (out == null || out.size() % 2 != 0) {
                throw invalid("Invalid save parameters",
                        "must be pairs of \"seconds changes\" separated by spaces, or \"\"", text);
            }
            return String.join(" ", out);
        }

        public String format(String v) {
            return v;
        }
    };

    /** Stored as {@link KeyspaceEvents} bits, shown in Redis's canonical spelling. */
    static final ValueType<Integer> NOTIFY_EVENTS = new ValueType<>() {
        public Integer parse(String text) throws InvalidValueException {
            int flags = KeyspaceEvents.parse(text);
            if (flags < 0) {
                throw invalid("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.",
                        "must use only the event class characters Ag$lshzxeKEtmdn", text);
            }
            return flags;
        }

        public String format(Integer v) {
            return KeyspaceEvents.format(v);
        }
    };

    static final ValueType<String> CLIENT_OUTPUT_BUFFER_LIMIT = new ValueType<>() {
        public String parse(String text) throws InvalidValueException {
            return ClientOutputBufferLimits.normalize(text);
        }

        public String format(String v) {
            return v;
        }
    };
}
