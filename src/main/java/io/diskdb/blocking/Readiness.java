package io.diskdb.blocking;

import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.util.Bytes;

/**
 * Whether a key, as a commit left it, may serve one parked client. It is a hint, checked
 * without the key locks: the retry decides under the locks, and a retry that finds nothing
 * leaves the client parked. A readiness that says yes too often costs retries, never
 * correctness; one that says no wrongly loses a wake-up, so err towards yes.
 *
 * <p>Lists and sorted sets wait for "the key holds elements of my type"; stream readers wait
 * for "the stream has an entry after the id I hold", and consumer-group readers also for the
 * key or their group going away (Redis 7.0 answers those with an error).
 */
@FunctionalInterface
public interface Readiness {
    /**
     * @param key  the key that changed
     * @param meta its live metadata after the commit, or null if the key no longer exists
     */
    boolean ready(Bytes key, Metadata meta);

    /** Ready when the key holds at least one element of {@code type} (BLPOP, BZPOPMIN...). */
    static Readiness holdsElements(DataType type) {
        return (key, meta) -> meta != null && meta.type() == type && meta.count() > 0;
    }
}
