package io.diskdb.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Log levels. DiskDB speaks trace/debug/info/warn/error; Redis users and tools say
 * debug/verbose/notice/warning, so both are accepted everywhere a level is read.
 */
public final class Logging {
    private Logging() {
    }

    /**
     * The DiskDB level for a DiskDB or Redis word (any case), or null if unknown.
     * Redis's verbose and debug both mean debug, notice means info, warning means warn.
     */
    public static String normalize(String word) {
        switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "trace":
                return "trace";
            case "debug", "verbose":
                return "debug";
            case "info", "notice":
                return "info";
            case "warn", "warning":
                return "warn";
            case "error":
                return "error";
            default:
                return null;
        }
    }

    /** The Redis word for a DiskDB level, as CONFIG GET loglevel reports it. */
    public static String toRedisWord(String level) {
        switch (level) {
            case "trace", "debug":
                return "debug";
            case "info":
                return "notice";
            default:
                return "warning";
        }
    }

    /**
     * Sets the root logger level at run time (--loglevel, CONFIG SET loglevel).
     *
     * @throws IllegalArgumentException if the word is not a known level
     */
    public static void setLevel(String word) {
        String level = normalize(word);
        if (level == null) {
            throw new IllegalArgumentException("unknown log level '" + word + "'");
        }
        org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // Only logback can be changed at run time; under another binding this is a no-op.
        if (root instanceof Logger logback) {
            logback.setLevel(Level.toLevel(level, Level.INFO));
        }
    }

    /** Applies the level held in the settings; call once at start-up. */
    public static void apply(Settings settings) {
        setLevel(settings.getLogLevel());
    }
}
