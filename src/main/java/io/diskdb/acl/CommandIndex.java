package io.diskdb.acl;

import io.diskdb.command.CommandSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command table seen from ACL rules: every command and subcommand by name, and the
 * commands of each category. Built from the command catalog (all of Redis 7.0's commands), so
 * an ACL file written for Redis names only commands this index knows.
 */
public final class CommandIndex {
    /** Redis 7.0's categories, in the order ACL CAT lists them. */
    public static final List<String> CATEGORIES = List.of("keyspace", "read", "write", "set", "sortedset",
            "list", "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast",
            "slow", "blocking", "dangerous", "connection", "transaction", "scripting");

    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();
    private final Map<String, List<String>> byCategory = new LinkedHashMap<>();

    public CommandIndex(Map<String, CommandSpec> catalog) {
        for (String category : CATEGORIES) {
            byCategory.put(category, new ArrayList<>());
        }
        for (CommandSpec spec : catalog.values()) {
            add(spec);
            spec.subcommands().values().forEach(this::add);
        }
    }

    private void add(CommandSpec spec) {
        byName.put(spec.name(), spec);
        for (String category : spec.aclCategories()) {
            byCategory.computeIfAbsent(category.startsWith("@") ? category.substring(1) : category,
                    c -> new ArrayList<>()).add(spec.name());
        }
    }

    /** A command ("get") or subcommand ("config|get") by lower-case name, or null. */
    public CommandSpec command(String name) {
        return byName.get(name);
    }

    /** Every command and subcommand name. */
    public Iterable<String> allNames() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    public boolean isCategory(String category) {
        return byCategory.containsKey(category);
    }

    /** Commands and subcommands of a category (empty for an unknown one). */
    public List<String> category(String category) {
        return byCategory.getOrDefault(category, List.of());
    }
}
