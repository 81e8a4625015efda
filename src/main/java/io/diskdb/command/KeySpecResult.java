package io.diskdb.command;

import java.util.Arrays;
import java.util.List;

/**
 * The keys found in one command's arguments: their positions, in the order Redis reports them,
 * and for each the key-spec flags (RW, access, ...) that say how the command uses it.
 * The flag lists are shared, immutable and never copied.
 */
public final class KeySpecResult {
    private static final List<String> NO_FLAGS = List.of();

    private int[] positions = new int[4];
    @SuppressWarnings("unchecked")
    private List<String>[] flags = new List[4];
    private int count;

    void add(int position, List<String> keyFlags) {
        if (count == positions.length) {
            positions = Arrays.copyOf(positions, count * 2);
            flags = Arrays.copyOf(flags, count * 2);
        }
        positions[count] = position;
        flags[count] = keyFlags == null ? NO_FLAGS : keyFlags;
        count++;
    }

    void clear() {
        count = 0;
    }

    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Index of the i-th key in the argument array (args[0] is the command name). */
    public int position(int i) {
        return positions[i];
    }

    public List<String> flags(int i) {
        return flags[i];
    }

    public int[] positions() {
        return Arrays.copyOf(positions, count);
    }
}
