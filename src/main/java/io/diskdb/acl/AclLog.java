package io.diskdb.acl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The security log ACL LOG shows: failed logins and commands refused by the ACL rules, newest
 * first, as Redis 7.0 keeps it. A refusal like one of the 10 newest entries (same reason,
 * context, object and user, within a minute of its last update) bumps that entry's count and
 * moves it to the front instead of adding another, so a client retrying in a loop fills one
 * line, not the whole log. Only a new entry trims the log to {@code acllog-max-len}, so lowering
 * it takes effect at the next one, as in Redis.
 *
 * <p>Refusals happen on every event loop; they are rare, so one lock is enough.
 */
public final class AclLog {
    /** Entries that far apart (ms) are never grouped: Redis's ACL_LOG_GROUPING_MAX_TIME_DELTA. */
    static final long GROUPING_WINDOW_MILLIS = 60_000;
    /** How many of the newest entries a refusal is compared with: Redis bounds the work the same way. */
    private static final int GROUPING_SCAN = 10;

    /** Why it was logged, with the word ACL LOG shows. */
    public enum Reason {
        AUTH("auth"), COMMAND("command"), KEY("key"), CHANNEL("channel");

        private final String word;

        Reason(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        /** The log reason of a permission check's refusal. */
        public static Reason of(Permissions.Reason reason) {
            return switch (reason) {
                case COMMAND -> COMMAND;
                case KEY -> KEY;
                case CHANNEL -> CHANNEL;
            };
        }
    }

    /** Where the refused call came from: a command of its own, or one inside MULTI/EXEC. */
    public enum Context {
        TOPLEVEL("toplevel"), MULTI("multi");

        private final String word;

        Context(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * One line of the log. {@code object} is the command, key or channel refused (for AUTH, the
     * command name as the client typed it); {@code username} the user it ran as (for AUTH, the
     * name tried); {@code clientInfo} the CLIENT LIST line of the latest client it happened to.
     */
    public record Entry(long count, Reason reason, Context context, String object, String username,
                        long updatedAtMillis, String clientInfo) {
        boolean groupsWith(Entry other) {
            return reason == other.reason && context == other.context && object.equals(other.object)
                    && username.equals(other.username)
                    && Math.abs(updatedAtMillis - other.updatedAtMillis) <= GROUPING_WINDOW_MILLIS;
        }

        Entry repeated(Entry latest) {
            return new Entry(count + 1, reason, context, object, username, latest.updatedAtMillis, latest.clientInfo);
        }
    }

    private final LongSupplier maxLength;
    private final LongSupplier clock;
    private final LinkedList<Entry> entries = new LinkedList<>();

    /** @param maxLength read at every new entry, so CONFIG SET acllog-max-len applies from then on */
    public AclLog(LongSupplier maxLength, LongSupplier clock) {
        this.maxLength = maxLength;
        this.clock = clock;
    }

    public AclLog(LongSupplier maxLength) {
        this(maxLength, System::currentTimeMillis);
    }

    public synchronized void add(Reason reason, Context context, String object, String username, String clientInfo) {
        Entry added = new Entry(1, reason, context, object, username, clock.getAsLong(), clientInfo);
        Iterator<Entry> newest = entries.iterator();
        for (int scanned = 0; scanned < GROUPING_SCAN && newest.hasNext(); scanned++) {
            Entry existing = newest.next();
            if (existing.groupsWith(added)) {
                newest.remove();
                entries.addFirst(existing.repeated(added));
                return;
            }
        }
        entries.addFirst(added);
        long max = maxLength.getAsLong();
        while (entries.size() > max) {
            entries.removeLast();
        }
    }

    /** The {@code count} newest entries (all if fewer), newest first. */
    public synchronized List<Entry> newest(long count) {
        int n = (int) Math.max(0, Math.min(count, entries.size()));
        return new ArrayList<>(entries.subList(0, n));
    }

    /** ACL LOG RESET. */
    public synchronized void reset() {
        entries.clear();
    }

    /** Milliseconds now, on the clock entries are stamped with (ACL LOG's age-seconds). */
    public long now() {
        return clock.getAsLong();
    }
}
