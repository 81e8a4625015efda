package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.diskdb.protocol.ReplyWriter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes COMMAND INFO and COMMAND DOCS entries from a command's catalog row, in the shapes
 * Redis 7.0 uses (server.c: addReplyCommandInfo, addReplyCommandDocs): flags and ACL categories
 * are sets of simple strings, tips a set of bulk strings, key specs a set of maps, docs maps
 * with fields in Redis's order. The catalog stores the values; their wire types live here.
 *
 * <p>Only registered subcommands are listed, so a client never learns of a subcommand DiskDB
 * would reject.
 */
final class IntrospectionReplies {
    /** Redis's field order in a docs map; a field is written only when the row has it. */
    private static final List<String> DOC_FIELDS = List.of(
            "summary", "since", "group", "complexity", "module", "doc_flags", "deprecated_since", "replaced_by",
            "history", "arguments");
    private static final List<String> ARGUMENT_FIELDS = List.of(
            "name", "type", "key_spec_index", "token", "summary", "since", "deprecated_since", "flags", "arguments");

    private final CommandTable table;

    IntrospectionReplies(CommandTable table) {
        this.table = table;
    }

    /** The 10-element COMMAND INFO entry of a command, its registered subcommands nested. */
    void info(ReplyWriter reply, CommandSpec spec) {
        JsonNode row = spec.source();
        reply.arrayHeader(10);
        reply.bulk(spec.name());
        reply.integer(spec.arity());
        simpleSet(reply, spec.flags());
        reply.integer(spec.firstKey());
        reply.integer(spec.lastKey());
        reply.integer(spec.keyStep());
        simpleSet(reply, spec.aclCategories());
        JsonNode tips = row.path("tips");
        reply.setHeader(tips.size());
        tips.forEach(tip -> reply.bulk(tip.asText()));
        JsonNode keySpecs = row.path("key_specs");
        reply.setHeader(keySpecs.size());
        keySpecs.forEach(keySpec -> keySpecMap(reply, keySpec));
        Collection<Command> subcommands = registeredSubcommands(spec);
        if (subcommands == null) {
            reply.setHeader(0);
        } else {
            reply.arrayHeader(subcommands.size());
            subcommands.forEach(sub -> info(reply, sub.spec()));
        }
    }

    /** The COMMAND DOCS map of a command (without its name), registered subcommands nested. */
    void docs(ReplyWriter reply, CommandSpec spec) {
        JsonNode docs = spec.source().path("docs");
        List<String> present = new ArrayList<>();
        for (String field : DOC_FIELDS) {
            if (docs.has(field) || field.equals("group")) {
                present.add(field);
            }
        }
        Collection<Command> subcommands = registeredSubcommands(spec);
        reply.mapHeader(present.size() + (subcommands == null ? 0 : 1));
        for (String field : present) {
            reply.bulk(field);
            JsonNode value = docs.path(field);
            switch (field) {
                case "group" -> reply.bulk(value.isMissingNode() ? "server" : value.asText());
                case "doc_flags" -> simpleSet(reply, texts(value));
                case "history" -> history(reply, value);
                case "arguments" -> arguments(reply, value);
                default -> reply.bulk(value.asText());
            }
        }
        if (subcommands != null) {
            reply.bulk("subcommands");
            reply.mapHeader(subcommands.size());
            for (Command sub : subcommands) {
                reply.bulk(sub.spec().name());
                docs(reply, sub.spec());
            }
        }
    }

    /** Registered subcommands of a container, or null for a command that has none in Redis. */
    private Collection<Command> registeredSubcommands(CommandSpec spec) {
        return spec.subcommands().isEmpty() ? null : table.subcommandsOf(spec.name());
    }

    /** A key spec: a map whose "flags" are a set of simple strings, nested objects maps. */
    private static void keySpecMap(ReplyWriter reply, JsonNode node) {
        reply.mapHeader(node.size());
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            reply.bulk(field.getKey());
            JsonNode value = field.getValue();
            if (field.getKey().equals("flags")) {
                simpleSet(reply, texts(value));
            } else if (value.isObject()) {
                keySpecMap(reply, value);
            } else if (value.isIntegralNumber()) {
                reply.integer(value.asLong());
            } else {
                reply.bulk(value.asText());
            }
        }
    }

    private static void history(ReplyWriter reply, JsonNode entries) {
        reply.setHeader(entries.size());
        for (JsonNode entry : entries) {
            reply.arrayHeader(entry.size());
            entry.forEach(text -> reply.bulk(text.asText()));
        }
    }

    private static void arguments(ReplyWriter reply, JsonNode arguments) {
        reply.arrayHeader(arguments.size());
        for (JsonNode argument : arguments) {
            List<String> present = ARGUMENT_FIELDS.stream().filter(argument::has).toList();
            reply.mapHeader(present.size());
            for (String field : present) {
                reply.bulk(field);
                JsonNode value = argument.get(field);
                switch (field) {
                    case "key_spec_index" -> reply.integer(value.asLong());
                    case "flags" -> simpleSet(reply, texts(value));
                    case "arguments" -> arguments(reply, value);
                    default -> reply.bulk(value.asText());
                }
            }
        }
    }

    private static void simpleSet(ReplyWriter reply, Collection<String> values) {
        reply.setHeader(values.size());
        values.forEach(reply::simple);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>(array.size());
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
