package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Loads the command table rows from JSON resources: {@code redis-commands.json}, generated from
 * Redis 7 itself by tools/dump-redis-commands.py so that arity, flags, key positions and docs
 * are Redis's own, then {@code diskdb-commands.json} with DiskDB's additions and overrides in
 * the same shape.
 */
public final class CommandCatalog {
    private static final String[] RESOURCES = {"/commands/redis-commands.json", "/commands/diskdb-commands.json"};

    private CommandCatalog() {
    }

    public static Map<String, CommandSpec> load() {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        for (String resource : RESOURCES) {
            try (InputStream in = CommandCatalog.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                merge(rows, mapper.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        Map<String, CommandSpec> specs = new LinkedHashMap<>();
        rows.forEach((name, row) -> specs.put(name, toSpec(name, row)));
        return specs;
    }

    /** Adds or replaces rows; a row with subcommands merges them into the existing container. */
    private static void merge(Map<String, JsonNode> rows, JsonNode table) {
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode existing = rows.get(entry.getKey());
            JsonNode added = entry.getValue();
            if (existing != null && added.has("subcommands") && !added.has("arity")) {
                com.fasterxml.jackson.databind.node.ObjectNode copy = existing.deepCopy();
                com.fasterxml.jackson.databind.node.ObjectNode subs = (com.fasterxml.jackson.databind.node.ObjectNode) copy.get("subcommands");
                added.get("subcommands").fields().forEachRemaining(sub -> subs.set(sub.getKey(), sub.getValue()));
                rows.put(entry.getKey(), copy);
            } else {
                rows.put(entry.getKey(), added);
            }
        }
    }

    private static CommandSpec toSpec(String name, JsonNode row) {
        Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
        JsonNode subs = row.get("subcommands");
        if (subs != null) {
            subs.fields().forEachRemaining(sub -> subcommands.put(sub.getKey(), toSpec(sub.getKey(), sub.getValue())));
        }
        return new CommandSpec(name, row.get("arity").asInt(), strings(row.get("flags"), new LinkedHashSet<>()),
                row.get("first_key").asInt(), row.get("last_key").asInt(), row.get("step").asInt(),
                Collections.unmodifiableList(strings(row.get("acl_categories"), new ArrayList<>())),
                Collections.unmodifiableMap(subcommands), row);
    }

    private static <C extends java.util.Collection<String>> C strings(JsonNode array, C into) {
        if (array != null) {
            array.forEach(node -> into.add(node.asText()));
        }
        return into;
    }
}
