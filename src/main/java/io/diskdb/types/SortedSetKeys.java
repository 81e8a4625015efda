package io.diskdb.types;

import io.diskdb.storage.KeyCodec;

import java.util.Arrays;

/**
 * Sub-keys of a sorted set's records in the {@code zsets} family (after the version prefix):
 *
 * <pre>
 * member record  ['m'][member position u32][member]      -> score (8 bytes, {@link ScoreCodec})
 * score index    ['s'][score, order-preserving][member]   -> empty
 * </pre>
 * The member record answers ZSCORE with one read and orders members by position for ZSCAN;
 * the index orders the set as Redis does (score, then member bytes) for ranges and ranks.
 */
final class SortedSetKeys {
    static final byte MEMBER_TAG = 'm';
    static final byte INDEX_TAG = 's';
    static final byte[] INDEX_START = {INDEX_TAG};
    /** The member records, ordered by position for ZSCAN. */
    static final ElementScan MEMBERS = ElementScan.tagged(MEMBER_TAG);
    private static final int INDEX_MEMBER_OFFSET = 1 + ScoreCodec.BYTES;

    private SortedSetKeys() {
    }

    static byte[] member(byte[] member) {
        return MEMBERS.subKey(member);
    }

    /** The first member sub-key at or after {@code position} (a ZSCAN cursor). */
    static byte[] memberSeek(long position) {
        return MEMBERS.seekKey(position);
    }

    static boolean isMember(byte[] subKey) {
        return MEMBERS.holds(subKey);
    }

    static byte[] memberOf(byte[] memberSubKey) {
        return MEMBERS.name(memberSubKey);
    }

    static byte[] index(double score, byte[] member) {
        byte[] out = new byte[INDEX_MEMBER_OFFSET + member.length];
        out[0] = INDEX_TAG;
        ScoreCodec.put(out, 1, score);
        System.arraycopy(member, 0, out, INDEX_MEMBER_OFFSET, member.length);
        return out;
    }

    /** Sorts before every index entry with a score of {@code score} or more. */
    static byte[] indexSeek(double score) {
        return index(score, new byte[0]);
    }

    /** Sorts after every index entry with a score of {@code score} or less. */
    static byte[] indexAfter(double score) {
        byte[] out = new byte[INDEX_MEMBER_OFFSET];
        out[0] = INDEX_TAG;
        // +inf encodes below 0xFF..., so the successor never overflows into the next tag
        KeyCodec.putLong(out, 1, ScoreCodec.orderKey(score) + 1);
        return out;
    }

    static boolean isIndex(byte[] subKey) {
        return subKey.length >= INDEX_MEMBER_OFFSET && subKey[0] == INDEX_TAG;
    }

    static ScoredMember entryOf(byte[] indexSubKey) {
        return new ScoredMember(Arrays.copyOfRange(indexSubKey, INDEX_MEMBER_OFFSET, indexSubKey.length),
                ScoreCodec.get(indexSubKey, 1));
    }
}
