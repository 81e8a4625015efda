package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diskdb.json.JsonMatch;
import io.diskdb.json.JsonPathQuery;
import io.diskdb.json.JsonText;
import io.diskdb.json.JsonValues;
import io.diskdb.protocol.ReplyWriter;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.types.JsonDocuments;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * RedisJSON 2.x documents: the whole-document commands (SET, GET, MGET, MSET, MERGE, DEL,
 * TYPE, RESP). Value-level commands are in {@link JsonValueCommands} and array commands in
 * {@link JsonArrayCommands}. Replies and errors follow RedisJSON 2.6.
 */
public final class JsonCommands {
    private static final String CREATE_AT_ROOT = "ERR new objects must be created at the root";
    /** JSON.GET arguments longer than the longest keyword are always paths (RedisJSON's rule). */
    private static final int LONGEST_GET_KEYWORD = "NOESCAPE".length();

    private JsonCommands() {
    }

    public static void register(CommandTable table) {
        table.register("json.set", JsonCommands::set);
        table.register("json.get", JsonCommands::get);
        table.register("json.mget", JsonCommands::mget);
        table.register("json.mset", JsonCommands::mset);
        table.register("json.merge", JsonCommands::merge);
        table.register("json.del", JsonCommands::del);
        table.register("json.forget", JsonCommands::del);
        table.register("json.type", JsonCommands::type);
        table.register("json.resp", JsonCommands::resp);
        JsonValueCommands.register(table);
        JsonArrayCommands.register(table);
    }

    // ------------------------------------------------------------------ SET / MSET / MERGE

    /** JSON.SET key path value [NX | XX]. */
    static void set(CommandContext ctx) {
        Condition condition = Condition.NONE;
        for (int i = 4; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "nx") && condition == Condition.NONE) {
                condition = Condition.NX;
            } else if (ctx.argIs(i, "xx") && condition == Condition.NONE) {
                condition = Condition.XX;
            } else {
                throw Errors.syntax();
            }
        }
        JsonPathQuery path = JsonSupport.path(ctx, 2);
        JsonSupport.Loaded loaded = JsonSupport.load(ctx, ctx.arg(1));
        JsonNode value = JsonSupport.value(ctx, 3);
        if (applySet(ctx, ctx.arg(1), loaded, path, value, condition, JsonCommands::replaceWith)) {
            ctx.reply().ok();
        } else {
            ctx.reply().nullBulk();
        }
    }

    private enum Condition { NONE, NX, XX }

    private static JsonNode replaceWith(JsonNode old, JsonNode value) {
        return value.deepCopy();
    }

    /**
     * JSON.SET's rules, shared with MSET and MERGE ({@code combine} makes the new value from the
     * old one): the root of a missing key creates it; existing matches are replaced (not under
     * NX); a static path whose last member is missing adds it to the parent object (not under
     * XX). Returns whether the command replies OK (false: nil).
     */
    private static boolean applySet(CommandContext ctx, byte[] key, JsonSupport.Loaded loaded, JsonPathQuery path,
                                    JsonNode value, Condition condition,
                                    BiFunction<JsonNode, JsonNode, JsonNode> combine) {
        if (loaded == null) {
            if (condition == Condition.XX) {
                return false;
            }
            if (!path.isRoot()) {
                throw new CommandError(CREATE_AT_ROOT);
            }
            JsonDocuments.write(ctx.txn(), ctx.db(), key, null, value, JsonSupport.cache(ctx));
            return true;
        }
        if (path.isRoot()) {
            if (condition == Condition.NX) {
                return false;
            }
            loaded.doc().replaceRoot(combine.apply(loaded.root(), value));
            loaded.save(ctx);
            return true;
        }
        List<JsonMatch> matches = condition == Condition.NX ? List.of() : path.select(loaded.root());
        if (!matches.isEmpty()) {
            for (JsonMatch match : matches) {
                match.replace(loaded.doc(), combine.apply(match.node(), value));
            }
            loaded.save(ctx);
            return true;
        }
        if (condition == Condition.XX) {
            return false;
        }
        JsonPathQuery.AddTarget target = path.addTarget();
        if (target == null) {
            if (path.select(loaded.root()).isEmpty()) {
                throw new CommandError("ERR array index out of range");
            }
            return false; // NX on an element that exists
        }
        boolean all = true;
        boolean any = false;
        List<JsonMatch> parents = target.parent().select(loaded.root());
        for (JsonMatch parent : parents) {
            if (parent.node() instanceof ObjectNode object && !object.has(target.key())) {
                object.set(target.key(), combine.apply(null, value));
                any = true;
            } else {
                all = false;
            }
        }
        if (any) {
            loaded.save(ctx);
        }
        return any && all;
    }

    /** JSON.MSET key path value [key path value ...]: all or nothing. */
    static void mset(CommandContext ctx) {
        if ((ctx.argc() - 1) % 3 != 0) {
            throw Errors.wrongArity("json.mset");
        }
        // Validate every triplet before writing anything (types, paths, values).
        List<JsonNode> values = new ArrayList<>();
        for (int i = 1; i < ctx.argc(); i += 3) {
            JsonDocuments.find(ctx.txn(), ctx.db(), ctx.arg(i));
            JsonSupport.path(ctx, i + 1);
            values.add(JsonSupport.value(ctx, i + 2));
        }
        for (int i = 1, n = 0; i < ctx.argc(); i += 3, n++) {
            JsonSupport.Loaded loaded = JsonSupport.load(ctx, ctx.arg(i));
            applySet(ctx, ctx.arg(i), loaded, JsonSupport.path(ctx, i + 1), values.get(n), Condition.NONE,
                    JsonCommands::replaceWith);
        }
        ctx.reply().ok();
    }

    /** JSON.MERGE key path value: RFC 7396 merge patch at every match. */
    static void merge(CommandContext ctx) {
        if (ctx.argc() > 4) {
            throw Errors.syntax();
        }
        JsonPathQuery path = JsonSupport.path(ctx, 2);
        JsonSupport.Loaded loaded = JsonSupport.load(ctx, ctx.arg(1));
        JsonNode patch = JsonSupport.value(ctx, 3);
        BiFunction<JsonNode, JsonNode, JsonNode> merge = loaded == null ? JsonCommands::replaceWith : JsonValues::mergePatch;
        if (applySet(ctx, ctx.arg(1), loaded, path, patch, Condition.NONE, merge)) {
            ctx.reply().ok();
        } else {
            ctx.reply().nullBulk();
        }
    }

    // ------------------------------------------------------------------ GET / MGET / RESP / TYPE

    /** JSON.GET key [INDENT s] [NEWLINE s] [SPACE s] [NOESCAPE] [path ...]. */
    static void get(CommandContext ctx) {
        String indent = "";
        String newline = "";
        String space = "";
        List<JsonPathQuery> paths = new ArrayList<>();
        for (int i = 2; i < ctx.argc(); i++) {
            boolean keywordSized = ctx.arg(i).length <= LONGEST_GET_KEYWORD;
            if (keywordSized && ctx.argIs(i, "indent")) {
                indent = keywordValue(ctx, ++i);
            } else if (keywordSized && ctx.argIs(i, "newline")) {
                newline = keywordValue(ctx, ++i);
            } else if (keywordSized && ctx.argIs(i, "space")) {
                space = keywordValue(ctx, ++i);
            } else if (keywordSized && ctx.argIs(i, "noescape")) {
                continue; // accepted and ignored, as RedisJSON does (ReJSON 1.0 compatibility)
            } else {
                paths.add(JsonSupport.path(ctx, i));
            }
        }
        if (paths.isEmpty()) {
            paths.add(JsonPathQuery.LEGACY_ROOT);
        }
        JsonNode root = JsonSupport.readRoot(ctx, ctx.arg(1));
        if (root == null) {
            ctx.reply().nullBulk();
            return;
        }
        JsonText.Format format = new JsonText.Format(indent, newline, space);
        boolean legacy = paths.stream().allMatch(JsonPathQuery::legacy);
        if (paths.size() == 1) {
            ctx.reply().bulk(JsonText.write(selection(root, paths.get(0), legacy, true), format));
            return;
        }
        ObjectNode byPath = JsonNodeFactory.instance.objectNode();
        for (JsonPathQuery path : paths) {
            byPath.set(path.original(), selection(root, path, legacy, false));
        }
        ctx.reply().bulk(JsonText.write(byPath, format));
    }

    private static String keywordValue(CommandContext ctx, int index) {
        if (index >= ctx.argc()) {
            throw Errors.wrongArity("json.get");
        }
        return ctx.argString(index);
    }

    /**
     * What JSON.GET prints for one path: the first match in legacy mode (an error if none:
     * quoting the JSONPath form for a lone path, the path as given among several), or the
     * array of all matches.
     */
    private static JsonNode selection(JsonNode root, JsonPathQuery path, boolean legacy, boolean alone) {
        if (legacy) {
            JsonMatch first = path.first(root);
            if (first == null) {
                throw alone ? path.doesNotExist()
                        : new CommandError("ERR Path '" + path.original() + "' does not exist");
            }
            return first.node();
        }
        return matchesArray(root, path);
    }

    private static ArrayNode matchesArray(JsonNode root, JsonPathQuery path) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (JsonMatch match : path.select(root)) {
            array.add(match.node());
        }
        return array;
    }

    /** JSON.MGET key [key ...] path: nil for keys that are missing, not JSON, or lack the path. */
    static void mget(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.path(ctx, ctx.argc() - 1);
        int keys = ctx.argc() - 2;
        ctx.reply().arrayHeader(keys);
        for (int i = 1; i <= keys; i++) {
            Metadata meta = ctx.lookupRead(ctx.arg(i));
            if (meta == null || meta.type() != DataType.JSON) {
                ctx.reply().nullBulk();
                continue;
            }
            JsonNode root = JsonDocuments.read(ctx.txn(), meta, JsonSupport.cache(ctx));
            if (path.legacy()) {
                JsonMatch first = path.first(root);
                ctx.reply().bulk(first == null ? null : JsonText.compact(first.node()));
            } else {
                ctx.reply().bulk(JsonText.compact(matchesArray(root, path)));
            }
        }
    }

    /** JSON.RESP key [path]: the value as RESP (arrays led by "[" / "{" as RedisJSON writes them). */
    static void resp(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.optionalPath(ctx, 2);
        JsonNode root = JsonSupport.readRoot(ctx, ctx.arg(1));
        if (root == null) {
            ctx.reply().nullBulk();
            return;
        }
        if (path.legacy()) {
            JsonMatch first = path.first(root);
            if (first == null) {
                throw path.doesNotExist();
            }
            JsonResp.write(ctx.reply(), first.node());
            return;
        }
        List<JsonMatch> matches = path.select(root);
        ctx.reply().arrayHeader(matches.size());
        for (JsonMatch match : matches) {
            JsonResp.write(ctx.reply(), match.node());
        }
    }

    /** JSON.TYPE key [path]: RESP3 wraps the reply in one more array, as RedisJSON does. */
    static void type(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.optionalPath(ctx, 2);
        JsonNode root = JsonSupport.readRoot(ctx, ctx.arg(1));
        ReplyWriter reply = ctx.reply();
        if (root == null) {
            reply.nullBulk();
            return;
        }
        if (reply.resp3()) {
            reply.arrayHeader(1);
        }
        if (path.legacy()) {
            JsonMatch first = path.first(root);
            reply.bulk(first == null ? null : JsonValues.typeName(first.node()));
            return;
        }
        List<JsonMatch> matches = path.select(root);
        reply.arrayHeader(matches.size());
        for (JsonMatch match : matches) {
            reply.bulk(JsonValues.typeName(match.node()));
        }
    }

    // ------------------------------------------------------------------ DEL

    /** JSON.DEL / JSON.FORGET key [path]: the number of values removed; the root removes the key. */
    static void del(CommandContext ctx) {
        JsonPathQuery path = JsonSupport.optionalPath(ctx, 2);
        if (ctx.argc() > 3) {
            throw Errors.wrongArity(ctx.spec().name());
        }
        Metadata meta = JsonDocuments.find(ctx.txn(), ctx.db(), ctx.arg(1));
        if (meta == null) {
            ctx.reply().integer(0);
            return;
        }
        if (path.isRoot()) {
            ctx.txn().deleteKey(ctx.db(), ctx.arg(1));
            ctx.reply().integer(1);
            return;
        }
        JsonSupport.Loaded loaded = JsonSupport.loadExisting(ctx, ctx.arg(1));
        List<JsonMatch> doomed = JsonPathQuery.forRemoval(path.select(loaded.root()));
        for (JsonMatch match : doomed) {
            match.remove();
        }
        if (!doomed.isEmpty()) {
            loaded.save(ctx);
        }
        ctx.reply().integer(doomed.size());
    }
}
