package io.diskdb.types;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.diskdb.storage.Metadata;

/**
 * The {@link PoppedGaps} of the sets SPOP drains, by set version, for one server (versions are
 * unique within one database only, so servers in one JVM must not share). Bounded: a set whose
 * gaps were dropped is walked plainly until SPOP records them again.
 */
public final class SetPopHints {
    private final Cache<Long, PoppedGaps> byVersion = Caffeine.newBuilder()
            .maximumSize(1024)
            .executor(Runnable::run)
            .build();

    /** The gaps recorded for this set, or a fresh record if it changed since they were recorded. */
    PoppedGaps gapsOf(Metadata set) {
        PoppedGaps gaps = byVersion.getIfPresent(set.version());
        if (gaps == null || !gaps.describes(set.count())) {
            gaps = new PoppedGaps(set.count());
            byVersion.put(set.version(), gaps);
        }
        return gaps;
    }

    /** Forgets the gaps of every set: the data was replaced, and its versions may equal old ones. */
    public void clear() {
        byVersion.invalidateAll();
    }
}
