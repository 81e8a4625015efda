package io.diskdb.types;

/**
 * How far a consumer group has read, as Redis 7.0 estimates it (entries-read and lag in XINFO):
 * exact while the stream has no deletions ("tombstones") ahead of the group, unknown otherwise.
 * The rules follow Redis's streamRangeHasTombstones and streamEstimateDistanceFromFirstEverEntry.
 */
public final class StreamLag {
    private StreamLag() {
    }

    /** Whether an XDEL may have left a hole in [start, end] (null = open end). */
    static boolean hasTombstones(StreamValue stream, StreamId start, StreamId end) {
        StreamState state = stream.state();
        if (stream.length() == 0 || state.maxDeletedId().isZero()) {
            return false;
        }
        if (state.firstId().after(state.maxDeletedId())) {
            return false;
        }
        StreamId from = start == null ? StreamId.MIN : start;
        StreamId to = end == null ? StreamId.MAX : end;
        return !from.after(state.maxDeletedId()) && !state.maxDeletedId().after(to);
    }

    /** The logical read counter of {@code id}, or {@link StreamGroup#UNKNOWN_READS}. */
    static long estimateReads(StreamValue stream, StreamId id) {
        StreamState state = stream.state();
        if (state.entriesAdded() == 0) {
            return 0;
        }
        if (stream.length() == 0 && !id.after(state.lastId())) {
            return state.entriesAdded();
        }
        int cmpLast = id.compareTo(state.lastId());
        if (cmpLast == 0) {
            return state.entriesAdded();
        } else if (cmpLast > 0) {
            return StreamGroup.UNKNOWN_READS;
        }
        int cmpFirst = id.compareTo(state.firstId());
        if (state.maxDeletedId().isZero() || state.maxDeletedId().before(state.firstId())) {
            if (cmpFirst < 0) {
                return state.entriesAdded() - stream.length();
            } else if (cmpFirst == 0) {
                return state.entriesAdded() - stream.length() + 1;
            }
        }
        return StreamGroup.UNKNOWN_READS;
    }

    /** The group's lag (entries not yet delivered), or null when it cannot be known. */
    public static Long lag(StreamValue stream, StreamGroup group) {
        StreamState state = stream.state();
        if (state.entriesAdded() == 0) {
            return 0L;
        }
        if (group.entriesRead() != StreamGroup.UNKNOWN_READS && !hasTombstones(stream, group.lastDelivered(), null)) {
            return state.entriesAdded() - group.entriesRead();
        }
        long reads = estimateReads(stream, group.lastDelivered());
        return reads == StreamGroup.UNKNOWN_READS ? null : state.entriesAdded() - reads;
    }
}
