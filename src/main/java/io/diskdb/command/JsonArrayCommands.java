package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.diskdb.json.JsonMatch;
import io.diskdb.json.JsonPathQuery;
import io.diskdb.json.JsonText;
import io.diskdb.json.JsonValues;
import io.diskdb.protocol.ReplyWriter;

import java.util.ArrayList;
import java.util.List;

/** JSON commands on arrays inside a document. */
final class JsonArrayCommands {
    private static final String NOT_AN_ARRAY = "not an array";

    private JsonArrayCommands() {
    }

    static void register(CommandTable table) {
        table.register("json.arrappend", JsonArrayCommands::arrappend);
        table.register("json.arrinsert", JsonArrayCommands::arrinsert);
        table.register("json.arrlen", JsonArrayCommands::arrlen);
        table.register("json.arrpop", JsonArrayCommands::arrpop);
        table.register("json.arrtrim", JsonArrayCommands::arrtrim);
        table.register("json.arrindex", JsonArrayCommands::arrindex);
    }

    private static List<JsonNode> values(CommandContext ctx, int from) {
        List<JsonNode> values = new ArrayList<>();
        for (int i = from; i < ctx.argc(); i++) {
            values.add(JsonSupport.value(ctx, i));
        }
        return values;
    }

    /** JSON.ARRAPPEND key path value [value ...]: the new lengths. */
    static void arrappend(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.path(ctx, 2);
        List<JsonNode> values = values(ctx, 3);
        JsonSupport.Loaded loaded = JsonSupport.loadExisting(ctx, ctx.arg(1));
        List<Object> results = JsonSupport.changeEach(ctx, loaded, path, JsonNode::isArray, NOT_AN_ARRAY,
                (doc, match) -> {
                    ArrayNode array = (ArrayNode) match.node();
                    values.forEach(value -> array.add(value.deepCopy()));
                    return (long) array.size();
                });
        JsonSupport.replyEach(ctx.reply(), path, results);
    }

    /** JSON.ARRINSERT key path index value [value ...]: inserts before index (negative: from the end). */
    static void arrinsert(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.path(ctx, 2);
        long index = ctx.longArg(3);
        List<JsonNode> values = values(ctx, 4);
        JsonSupport.Loaded loaded = JsonSupport.loadExisting(ctx, ctx.arg(1));
        List<Object> results = JsonSupport.changeEach(ctx, loaded, path, JsonNode::isArray, NOT_AN_ARRAY,
                (doc, match) -> {
                    ArrayNode array = (ArrayNode) match.node();
                    long at = index < 0 ? array.size() + index : index;
                    if (at < 0 || at > array.size()) {
                        throw new CommandError("ERR index out of bounds");
                    }
                    for (int i = 0; i < values.size(); i++) {
                        array.insert((int) at + i, values.get(i).deepCopy());
                    }
                    return (long) array.size();
                });
        JsonSupport.replyEach(ctx.reply(), path, results);
    }

    /** JSON.ARRLEN key [path]. */
    static void arrlen(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.optionalPath(ctx, 2);
        JsonValueCommands.readEach(ctx, path, "array", JsonNode::isArray, node -> (long) node.size(), true);
    }

    /**
     * JSON.ARRPOP key [path [index]]: removes and returns (as JSON text) the element at index,
     * by default the last; indexes out of range are clamped; an empty array pops nil.
     */
    static void arrpop(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.optionalPath(ctx, 2);
        long index = -1;
        if (ctx.argc() > 3) {
            // RedisJSON reads the index leniently: a non-integer means the default.
            Long parsed = Numbers.parseLong(ctx.arg(3));
            index = parsed == null ? -1 : parsed;
        }
        if (ctx.argc() > 4) {
            throw Errors.wrongArity("json.arrpop");
        }
        long at = index;
        JsonSupport.Loaded loaded = JsonSupport.loadExisting(ctx, ctx.arg(1));
        List<Object> results = JsonSupport.changeEach(ctx, loaded, path, JsonNode::isArray, NOT_AN_ARRAY,
                (doc, match) -> {
                    ArrayNode array = (ArrayNode) match.node();
                    if (array.isEmpty()) {
                        return Popped.NOTHING;
                    }
                    int size = array.size();
                    long position = at < 0 ? Math.max(0, size + at) : Math.min(at, size - 1);
                    return JsonText.compact(array.remove((int) position));
                });
        ReplyWriter reply = ctx.reply();
        if (path.legacy()) {
            Object last = results.stream().filter(r -> r != null).reduce((a, b) -> b).orElse(null);
            JsonSupport.replyOne(reply, last == Popped.NOTHING ? null : last);
            return;
        }
        reply.arrayHeader(results.size());
        for (Object result : results) {
            JsonSupport.replyOne(reply, result == Popped.NOTHING ? null : result);
        }
    }

    /** An empty array was matched: a nil reply, but the array counts as acted on. */
    private enum Popped { NOTHING }

    /** JSON.ARRTRIM key path start stop: keeps the inclusive range, clamped; replies the new lengths. */
    static void arrtrim(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.path(ctx, 2);
        long start = ctx.longArg(3);
        long stop = ctx.longArg(4);
        JsonSupport.Loaded loaded = JsonSupport.loadExisting(ctx, ctx.arg(1));
        List<Object> results = JsonSupport.changeEach(ctx, loaded, path, JsonNode::isArray, NOT_AN_ARRAY,
                (doc, match) -> {
                    ArrayNode array = (ArrayNode) match.node();
                    long size = array.size();
                    long first = start < 0 ? Math.max(0, size + start) : Math.min(start, size);
                    long last = stop < 0 ? size + stop : Math.min(stop, size - 1);
                    if (first > last || size == 0) {
                        array.removeAll();
                    } else {
                        for (long i = size - 1; i > last; i--) {
                            array.remove((int) i);
                        }
                        for (long i = 0; i < first; i++) {
                            array.remove(0);
                        }
                    }
                    return (long) array.size();
                });
        JsonSupport.replyEach(ctx.reply(), path, results);
    }

    /**
     * JSON.ARRINDEX key path value [start [stop]]: the first index of an equal element within
     * [start, stop) (stop 0 = the end; negatives count from the end), -1 if none.
     */
    static void arrindex(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.path(ctx, 2);
        JsonNode wanted = JsonSupport.value(ctx, 3);
        long start = ctx.argc() > 4 ? ctx.longArg(4) : 0;
        long stop = ctx.argc() > 5 ? ctx.longArg(5) : 0;
        if (ctx.argc() > 6) {
            throw Errors.wrongArity("json.arrindex");
        }
        JsonNode root = JsonSupport.readRoot(ctx, ctx.arg(1));
        if (root == null) {
            throw new CommandError(JsonSupport.NO_SUCH_KEY);
        }
        ReplyWriter reply = ctx.reply();
        if (path.legacy()) {
            JsonMatch first = path.first(root);
            if (first == null) {
                throw path.doesNotExist();
            }
            if (!first.node().isArray()) {
                throw JsonSupport.wrongType("array", first.node());
            }
            reply.integer(indexOf(first.node(), wanted, start, stop));
            return;
        }
        List<JsonMatch> matches = path.select(root);
        reply.arrayHeader(matches.size());
        for (JsonMatch match : matches) {
            if (match.node().isArray()) {
                reply.integer(indexOf(match.node(), wanted, start, stop));
            } else {
                reply.nullBulk();
            }
        }
    }

    private static long indexOf(JsonNode array, JsonNode wanted, long start, long stop) {
        long size = array.size();
        long from = start < 0 ? Math.max(0, size + start) : Math.min(start, size);
        long to = stop == 0 ? size : stop < 0 ? Math.max(0, size + stop) : Math.min(stop, size);
        for (long i = from; i < to; i++) {
            if (JsonValues.same(array.get((int) i), wanted)) {
                return i;
            }
        }
        return -1;
    }
}
