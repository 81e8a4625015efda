package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.diskdb.json.JsonMatch;
import io.diskdb.json.JsonPathQuery;
import io.diskdb.json.JsonText;
import io.diskdb.json.JsonValues;
import io.diskdb.protocol.ReplyWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import java.util.function.DoubleBinaryOperator;

/** JSON commands on numbers, strings, booleans and objects inside a document. */
final class JsonValueCommands {
    private JsonValueCommands() {
    }

    static void register(CommandTable table) {
        table.register("json.numincrby", ctx -> numberOp(ctx, Math::addExact, Double::sum));
        table.register("json.nummultby", ctx -> numberOp(ctx, Math::multiplyExact, (a, b) -> a * b));
        table.register("json.strappend", JsonValueCommands::strappend);
        table.register("json.strlen", JsonValueCommands::strlen);
        table.register("json.toggle", JsonValueCommands::toggle);
        table.register("json.clear", JsonValueCommands::clear);
        table.register("json.objkeys", JsonValueCommands::objkeys);
        table.register("json.objlen", JsonValueCommands::objlen);
    }

    /**
     * NUMINCRBY / NUMMULTBY: integer with integer stays an integer (overflow falls back to a
     * float, as RedisJSON's i64 arithmetic does); anything with a float is a float. Replies:
     * RESP2 prints the new values as JSON ("[3,null]" for JSONPath, "3" for a legacy path),
     * RESP3 sends an array of numbers.
     */
    private static void numberOp(CommandContext ctx, LongBinaryOperator exact, DoubleBinaryOperator floating) {
        JsonPathQuery path = JsonSupport.path(ctx, 2);
        JsonNode operand = JsonSupport.value(ctx, 3);
        if (!operand.isNumber()) {
            throw JsonSupport.wrongType("number", operand);
        }
        JsonSupport.Loaded loaded = JsonSupport.loadExisting(ctx, ctx.arg(1));
        List<Object> results = JsonSupport.changeEach(ctx, loaded, path, JsonNode::isNumber, "does not contains a number",
                (doc, match) -> {
                    JsonNode updated = compute(match.node(), operand, exact, floating);
                    match.replace(doc, updated);
                    return updated;
                });
        ReplyWriter reply = ctx.reply();
        if (reply.resp3()) {
            List<Object> shown = path.legacy() ? lastOnly(results) : results;
            reply.arrayHeader(shown.size());
            for (Object result : shown) {
                JsonNode number = (JsonNode) result;
                if (number == null) {
                    reply.nullBulk();
                } else if (number.isIntegralNumber()) {
                    reply.integer(number.longValue());
                } else {
                    reply.doubleValue(number.doubleValue());
                }
            }
            return;
        }
        if (path.legacy()) {
            reply.bulk(JsonText.compact((JsonNode) lastOnly(results).get(0)));
            return;
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Object result : results) {
            array.add(result == null ? JsonNodeFactory.instance.nullNode() : (JsonNode) result);
        }
        reply.bulk(JsonText.compact(array));
    }

    private static List<Object> lastOnly(List<Object> results) {
        Object last = null;
        for (Object result : results) {
            if (result != null) {
                last = result;
            }
        }
        List<Object> one = new ArrayList<>(1);
        one.add(last);
        return one;
    }

    private static JsonNode compute(JsonNode current, JsonNode operand, LongBinaryOperator exact,
                                    DoubleBinaryOperator floating) {
        if (current.isIntegralNumber() && operand.isIntegralNumber()) {
            try {
                return JsonValues.integer(exact.applyAsLong(current.longValue(), operand.longValue()));
            } catch (ArithmeticException overflow) {
                // falls through to float arithmetic, as RedisJSON does
            }
        }
        double result = floating.applyAsDouble(current.doubleValue(), operand.doubleValue());
        if (!Double.isFinite(result)) {
            throw new CommandError("ERR result " + result + " is not a number");
        }
        return JsonValues.floating(result);
    }

    /** JSON.STRAPPEND key [path] value: the new lengths in bytes. */
    static void strappend(CommandContext ctx) {
        if (ctx.argc() > 4) {
            throw Errors.wrongArity("json.strappend");
        }
        JsonPathQuery path = ctx.argc() == 4 ? JsonSupport.path(ctx, 2) : JsonPathQuery.LEGACY_ROOT;
        JsonNode suffix = JsonSupport.value(ctx, ctx.argc() - 1);
        if (!suffix.isTextual()) {
            throw JsonSupport.wrongType("string", suffix);
        }
        JsonSupport.Loaded loaded = JsonSupport.loadExisting(ctx, ctx.arg(1));
        List<Object> results = JsonSupport.changeEach(ctx, loaded, path, JsonNode::isTextual, "not a string",
                (doc, match) -> {
                    String joined = match.node().textValue() + suffix.textValue();
                    match.replace(doc, TextNode.valueOf(joined));
                    return utf8Length(joined);
                });
        JsonSupport.replyEach(ctx.reply(), path, results);
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** JSON.STRLEN key [path]: lengths in bytes, as RedisJSON counts them. */
    static void strlen(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.optionalPath(ctx, 2);
        readEach(ctx, path, "string", JsonNode::isTextual, node -> utf8Length(node.textValue()), true);
    }

    /** JSON.OBJLEN key [path]. */
    static void objlen(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.optionalPath(ctx, 2);
        readEach(ctx, path, "object", JsonNode::isObject, node -> (long) node.size(), false);
    }

    /** JSON.OBJKEYS key [path]: the member names of each object. */
    static void objkeys(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.optionalPath(ctx, 2);
        readEach(ctx, path, "object", JsonNode::isObject, node -> {
            List<Object> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            return names;
        }, false);
    }

    /**
     * The read-only per-match commands (STRLEN, OBJLEN, OBJKEYS, ARRLEN): a missing key is nil
     * for a legacy path and an error for JSONPath; a legacy path replies about its first match,
     * nil or an error when it has none ({@code missingPathFails}), WRONGTYPE when that match is
     * of another type.
     */
    static void readEach(CommandContext ctx, JsonPathQuery path, String expected, java.util.function.Predicate<JsonNode> accepts,
                         Function<JsonNode, Object> measure, boolean missingPathFails) {
        JsonNode root = JsonSupport.readRoot(ctx, ctx.arg(1));
        ReplyWriter reply = ctx.reply();
        if (root == null) {
            if (path.legacy()) {
                reply.nullBulk();
                return;
            }
            throw new CommandError(JsonSupport.NO_SUCH_KEY);
        }
        if (path.legacy()) {
            JsonMatch first = path.first(root);
            if (first == null) {
                if (missingPathFails) {
                    throw path.doesNotExist();
                }
                reply.nullBulk();
                return;
            }
            if (!accepts.test(first.node())) {
                throw JsonSupport.wrongType(expected, first.node());
            }
            JsonSupport.replyOne(reply, measure.apply(first.node()));
            return;
        }
        List<JsonMatch> matches = path.select(root);
        reply.arrayHeader(matches.size());
        for (JsonMatch match : matches) {
            JsonSupport.replyOne(reply, accepts.test(match.node()) ? measure.apply(match.node()) : null);
        }
    }

    /** JSON.TOGGLE key path: JSONPath replies 1/0 per boolean, legacy the bulk "true"/"false". */
    static void toggle(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.path(ctx, 2);
        JsonSupport.Loaded loaded = JsonSupport.loadExisting(ctx, ctx.arg(1));
        List<Object> results = JsonSupport.changeEach(ctx, loaded, path, JsonNode::isBoolean, "not a bool",
                (doc, match) -> {
                    boolean flipped = !match.node().booleanValue();
                    match.replace(doc, BooleanNode.valueOf(flipped));
                    return flipped;
                });
        ReplyWriter reply = ctx.reply();
        if (path.legacy()) {
            reply.bulk(String.valueOf(lastOnly(results).get(0)));
            return;
        }
        reply.arrayHeader(results.size());
        for (Object result : results) {
            if (result == null) {
                reply.nullBulk();
            } else {
                reply.integer((Boolean) result ? 1 : 0);
            }
        }
    }

    /**
     * JSON.CLEAR key [path]: empties arrays and objects and sets numbers to 0; replies how many
     * values it changed (already empty containers and zeros do not count).
     */
    static void clear(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.optionalPath(ctx, 2);
        if (ctx.argc() > 3) {
            throw Errors.wrongArity("json.clear");
        }
        JsonSupport.Loaded loaded = JsonSupport.loadExisting(ctx, ctx.arg(1));
        long cleared = 0;
        for (JsonMatch match : path.select(loaded.root())) {
            JsonNode node = match.node();
            if (node.isContainerNode() && node.size() > 0) {
                if (node instanceof ObjectNode object) {
                    object.removeAll();
                } else {
                    ((ArrayNode) node).removeAll();
                }
                cleared++;
            } else if (node.isNumber() && node.doubleValue() != 0) {
                match.replace(loaded.doc(), JsonValues.integer(0));
                cleared++;
            }
        }
        if (cleared > 0) {
            loaded.save(ctx);
        }
        ctx.reply().integer(cleared);
    }
}
