package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of the command table: everything DiskDB knows about a command except how to run it.
 * The dispatcher (arity, flags, keys to lock), COMMAND, and later ACL categories and cluster
 * routing all read this; nothing else describes a command.
 *
 * <p>{@code name} is lower case; a subcommand is named "container|sub", e.g. "config|get".
 * Arity follows Redis: positive = exact argument count including the name, negative = at least.
 */
public final class CommandSpec {
    private final String name;
    private final int arity;
    private final Set<String> flags;
    private final int firstKey;
    private final int lastKey;
    private final int keyStep;
    private final List<String> aclCategories;
    private final Map<String, CommandSpec> subcommands;
    private final JsonNode source;

    public CommandSpec(String name, int arity, Set<String> flags, int firstKey, int lastKey, int keyStep,
                       List<String> aclCategories, Map<String, CommandSpec> subcommands, JsonNode source) {
        this.name = name;
        this.arity = arity;
        this.flags = flags;
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.keyStep = keyStep;
        this.aclCategories = aclCategories;
        this.subcommands = subcommands;
        this.source = source;
    }

    /** The command's row in the table resource (key specs, tips, docs) as loaded. */
    public JsonNode source() {
        return source;
    }

    public String name() {
        return name;
    }

    public int arity() {
        return arity;
    }

    public boolean arityMatches(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    public Set<String> flags() {
        return flags;
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    public boolean isWrite() {
        return flags.contains("write");
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int keyStep() {
        return keyStep;
    }

    public List<String> aclCategories() {
        return aclCategories;
    }

    public Map<String, CommandSpec> subcommands() {
        return subcommands;
    }

    public CommandSpec subcommand(String lowerName) {
        return subcommands.get(name + "|" + lowerName);
    }

    /** Positions of the key arguments in {@code args} (args[0] is the command name). */
    public int[] keyPositions(byte[][] args) {
        if (firstKey <= 0 || firstKey >= args.length) {
            return new int[0];
        }
        int last = lastKey < 0 ? args.length + lastKey : Math.min(lastKey, args.length - 1);
        int step = Math.max(1, keyStep);
        int count = last < firstKey ? 0 : (last - firstKey) / step + 1;
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = firstKey + i * step;
        }
        return positions;
    }
}
