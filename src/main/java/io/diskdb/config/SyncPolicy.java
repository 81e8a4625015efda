package io.diskdb.config;

import java.util.Locale;

/**
 * When the write-ahead log is fsynced. What each one can lose:
 * <ul>
 * <li>{@link #ALWAYS}: fsync before the reply; nothing acknowledged is lost, even on power loss.</li>
 * <li>{@link #EVERYSEC}: WAL written before the reply, fsynced at least once a second; a process
 * crash loses nothing acknowledged, a power loss or OS crash up to about one second.</li>
 * <li>{@link #NO}: WAL written, fsync left to the OS; a process crash loses nothing written,
 * a power loss whatever the OS had not flushed yet.</li>
 * </ul>
 */
public enum SyncPolicy {
    ALWAYS, EVERYSEC, NO;

    /** The lowercase word used in the config file and by CONFIG GET appendfsync. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses always|everysec|no, ignoring case; null if the word is none of them. */
    public static SyncPolicy parse(String word) {
        for (SyncPolicy p : values()) {
            if (p.name().equalsIgnoreCase(word.trim())) {
                return p;
            }
        }
        return null;
    }
}
