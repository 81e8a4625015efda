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
    private final KeySpecFinder keyFinder;

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
        this.keyFinder = new KeySpecFinder(KeySpec.parseAll(source == null ? null : source.get("key_specs")),
                KeySpecFallback.forCommand(name), firstKey, lastKey, keyStep);
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

    /** The command's key specs, parsed from its row once. */
    public List<KeySpec> keySpecs() {
        return keyFinder.specs();
    }

    /** Whether calls of this command can name keys at all (Redis's doesCommandHaveKeys). */
    public boolean hasKeys() {
        return keyFinder.hasKeys();
    }

    /**
     * The key arguments of a call and how the command uses each, found as Redis 7 finds them
     * (key specs, then Redis's own procedure for the commands that have one). Never throws: a
     * malformed call yields the keys Redis would report, possibly none.
     */
    public KeySpecResult keys(byte[][] args) {
        return keyFinder.find(args);
    }

    /** Positions of the key arguments in {@code args} (args[0] is the command name). */
    public int[] keyPositions(byte[][] args) {
        return keyFinder.find(args).positions();
    }
}
