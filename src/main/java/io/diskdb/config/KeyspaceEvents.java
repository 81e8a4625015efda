package io.diskdb.config;

/**
 * The notify-keyspace-events flags, with Redis's parsing and canonical spelling
 * (so "KEA" is reported back as "AKE", as Redis does). Pub/sub reads the bits.
 */
public final class KeyspaceEvents {
    public static final int KEYSPACE = 1;       // K
    public static final int KEYEVENT = 1 << 1;  // E
    public static final int GENERIC = 1 << 2;   // g
    public static final int STRING = 1 << 3;    // $
    public static final int LIST = 1 << 4;      // l
    public static final int SET = 1 << 5;       // s
    public static final int HASH = 1 << 6;      // h
    public static final int ZSET = 1 << 7;      // z
    public static final int EXPIRED = 1 << 8;   // x
    public static final int EVICTED = 1 << 9;   // e
    public static final int STREAM = 1 << 10;   // t
    public static final int KEY_MISS = 1 << 11; // m (not part of A)
    public static final int MODULE = 1 << 12;   // d
    public static final int NEW = 1 << 14;      // n (not part of A)
    /** What 'A' stands for. */
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED
            | STREAM | MODULE;

    private KeyspaceEvents() {
    }

    /** The flag bits, or -1 if a character is not an event class. */
    public static int parse(String classes) {
        int flags = 0;
        for (int i = 0; i < classes.length(); i++) {
            switch (classes.charAt(i)) {
                case 'A' -> flags |= ALL;
                case 'g' -> flags |= GENERIC;
                case '$' -> flags |= STRING;
                case 'l' -> flags |= LIST;
                case 's' -> flags |= SET;
                case 'h' -> flags |= HASH;
                case 'z' -> flags |= ZSET;
                case 'x' -> flags |= EXPIRED;
                case 'e' -> flags |= EVICTED;
                case 'K' -> flags |= KEYSPACE;
                case 'E' -> flags |= KEYEVENT;
                case 't' -> flags |= STREAM;
                case 'm' -> flags |= KEY_MISS;
                case 'd' -> flags |= MODULE;
                case 'n' -> flags |= NEW;
                default -> {
                    return -1;
                }
            }
        }
        return flags;
    }

    /** Redis's {@code keyspaceEventsFlagsToString}. */
    public static String format(int flags) {
        StringBuilder b = new StringBuilder();
        if ((flags & ALL) == ALL) {
            b.append('A');
        } else {
            append(b, flags, GENERIC, 'g');
            append(b, flags, STRING, '$');
            append(b, flags, LIST, 'l');
            append(b, flags, SET, 's');
            append(b, flags, HASH, 'h');
            append(b, flags, ZSET, 'z');
            append(b, flags, EXPIRED, 'x');
            append(b, flags, EVICTED, 'e');
            append(b, flags, STREAM, 't');
            append(b, flags, MODULE, 'd');
            // Redis 7 prints 'n' only here, so "An" reads back as "A" although the bit stays set.
            append(b, flags, NEW, 'n');
        }
        append(b, flags, KEYSPACE, 'K');
        append(b, flags, KEYEVENT, 'E');
        append(b, flags, KEY_MISS, 'm');
        return b.toString();
    }

    private static void append(StringBuilder b, int flags, int bit, char c) {
        if ((flags & bit) != 0) {
            b.append(c);
        }
    }
}
