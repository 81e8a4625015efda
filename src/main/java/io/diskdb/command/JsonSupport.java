package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.diskdb.json.JsonDocument;
import io.diskdb.json.JsonMatch;
import io.diskdb.json.JsonPathQuery;
import io.diskdb.json.JsonText;
import io.diskdb.json.JsonValues;
import io.diskdb.protocol.ReplyWriter;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.JsonDocuments;
import io.diskdb.types.JsonTreeCache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * What the JSON.* command classes share: path and value arguments, loading and saving a
 * document, RedisJSON's error texts, and the "apply to every match" shape most commands have
 * (JSONPath: one result per match, nil where the value has the wrong type; legacy path: the
 * last result, an error when nothing fits).
 */
final class JsonSupport {
    static final String NO_SUCH_KEY = "ERR could not perform this operation on a key that doesn't exist";

    private JsonSupport() {
    }

    static JsonTreeCache cache(CommandContext ctx) {
        return ctx.server().jsonTrees();
    }

    static JsonPathQuery path(CommandContext ctx, int index) {
        return JsonPathQuery.parse(ctx.argString(index)).validate();
    }

    /** The path at {@code index}, or the legacy root "." when the argument is absent. */
    static JsonPathQuery optionalPath(CommandContext ctx, int index) {
        return index < ctx.argc() ? path(ctx, index) : JsonPathQuery.LEGACY_ROOT;
    }

    static JsonNode value(CommandContext ctx, int index) {
        return JsonText.parse(ctx.arg(index));
    }

    /** "WRONGTYPE wrong type of path value - expected string but found integer". */
    static CommandError wrongType(String expected, JsonNode found) {
        return new CommandError("WRONGTYPE wrong type of path value - expected " + expected + " but found "
                + JsonValues.typeName(found));
    }

    /** "ERR Path '$.a' does not exist or not an array": a legacy path with nothing to act on. */
    static CommandError missingOr(JsonPathQuery path, String or) {
        return new CommandError("ERR Path '" + path.expression() + "' does not exist or " + or);
    }

    /** The document's tree for reading (counted as a keyspace hit or miss); null if absent. */
    static JsonNode readRoot(CommandContext ctx, byte[] key) {
        Metadata meta = ctx.lookupRead(key, DataType.JSON);
        return meta == null ? null : JsonDocuments.read(ctx.txn(), meta, cache(ctx));
    }

    /** A document loaded to change; {@link #NO_SUCH_KEY} if the key does not exist. */
    static Loaded loadExisting(CommandContext ctx, byte[] key) {
        Loaded loaded = load(ctx, key);
        if (loaded == null) {
            throw new CommandError(NO_SUCH_KEY);
        }
        return loaded;
    }

    /** A document loaded to change, or null if the key does not exist. */
    static Loaded load(CommandContext ctx, byte[] key) {
        Metadata meta = JsonDocuments.find(ctx.txn(), ctx.db(), key);
        return meta == null ? null : new Loaded(key, meta, JsonDocuments.forUpdate(ctx.txn(), meta, cache(ctx)));
    }

    record Loaded(byte[] key, Metadata meta, JsonDocument doc) {
        JsonNode root() {
            return doc.root();
        }

        void save(CommandContext ctx) {
            JsonDocuments.write(ctx.txn(), ctx.db(), key, meta, doc.root(), cache(ctx));
        }
    }

    /**
     * Applies {@code change} to every match {@code accepts}; the results line up with the
     * matches (null where a match was not accepted). Changes run deepest value first and, within
     * an array, highest index first, so that removing or inserting elements never moves a value
     * still to be changed — RedisJSON's order. A legacy path with no accepted match is an error
     * worded with {@code legacyOr}. The document is saved if anything changed.
     */
    static List<Object> changeEach(CommandContext ctx, Loaded loaded, JsonPathQuery path, Predicate<JsonNode> accepts,
                                   String legacyOr, BiFunction<JsonDocument, JsonMatch, Object> change) {
        List<JsonMatch> matches = path.select(loaded.root());
        Integer[] order = new Integer[matches.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> deepestFirst = Comparator.comparing(matches::get, JsonPathQuery.CHANGE_ORDER);
        Arrays.sort(order, deepestFirst);
        Object[] results = new Object[matches.size()];
        boolean changed = false;
        for (int i : order) {
            JsonMatch match = matches.get(i);
            if (accepts.test(match.node())) {
                results[i] = change.apply(loaded.doc(), match);
                changed = true;
            }
        }
        if (path.legacy() && !changed) {
            throw missingOr(path, legacyOr);
        }
        if (changed) {
            loaded.save(ctx);
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    /**
     * The reply of a per-match command: an array (nil for matches that did not fit) for JSONPath;
     * the last non-null result for a legacy path.
     */
    static void replyEach(ReplyWriter reply, JsonPathQuery path, List<Object> results) {
        if (path.legacy()) {
            Object last = null;
            for (Object result : results) {
                if (result != null) {
                    last = result;
                }
            }
            replyOne(reply, last);
            return;
        }
        reply.arrayHeader(results.size());
        for (Object result : results) {
            replyOne(reply, result);
        }
    }

    /** null: nil; Long/Integer: integer; byte[]/String: bulk; List: array of these. */
    static void replyOne(ReplyWriter reply, Object result) {
        if (result == null) {
            reply.nullBulk();
        } else if (result instanceof Number number) {
            reply.integer(number.longValue());
        } else if (result instanceof byte[] bytes) {
            reply.bulk(bytes);
        } else if (result instanceof String text) {
            reply.bulk(text);
        } else if (result instanceof List<?> list) {
            reply.arrayHeader(list.size());
            for (Object element : list) {
                replyOne(reply, element);
            }
        } else {
            throw new IllegalArgumentException("unexpected result " + result.getClass());
        }
    }
}
