package io.diskdb.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.diskdb.command.CommandError;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A path argument of a JSON.* command, in either syntax RedisJSON accepts:
 * <ul>
 *   <li>JSONPath, starting with {@code $}: replies list every match (possibly none);</li>
 *   <li>the legacy syntax ({@code .}, {@code .a.b}, {@code a.b}, {@code .arr[0]}): converted to
 *       JSONPath for evaluation, replies are about the first (or last changed) match and a
 *       path that matches nothing is an error.</li>
 * </ul>
 * Jayway JsonPath evaluates the expression over the Jackson tree and reports the concrete paths
 * of the matches ({@link Option#AS_PATH_LIST}); those are resolved to nodes here, so commands
 * operate on the tree itself.
 */
public final class JsonPathQuery {
    public static final JsonPathQuery LEGACY_ROOT = parse(".");
    public static final JsonPathQuery ROOT = parse("$");

    private static final Configuration PATHS = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.AS_PATH_LIST, Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
            .build();
    /** Compiled expressions are immutable and thread-safe; clients repeat the same few paths. */
    private static final Cache<String, JsonPath> COMPILED = Caffeine.newBuilder().maximumSize(2_000).build();

    private final String original;
    private final String expression;
    private final boolean legacy;

    private JsonPathQuery(String original, String expression, boolean legacy) {
        this.original = original;
        this.expression = expression;
        this.legacy = legacy;
    }

    public static JsonPathQuery parse(String text) {
        if (text.startsWith("$")) {
            return new JsonPathQuery(text, text, false);
        }
        String expression;
        if (text.equals(".")) {
            expression = "$";
        } else if (text.startsWith(".") || text.startsWith("[")) {
            expression = "$" + text;
        } else {
            expression = "$." + text;
        }
        return new JsonPathQuery(text, expression, true);
    }

    /** The path as the client wrote it (JSON.GET's keys for several paths). */
    public String original() {
        return original;
    }

    /** The JSONPath form (RedisJSON's error messages quote it). */
    public String expression() {
        return expression;
    }

    public boolean legacy() {
        return legacy;
    }

    public boolean isRoot() {
        return expression.equals("$");
    }

    /** "ERR Path '$.x' does not exist". */
    public CommandError doesNotExist() {
        return new CommandError("ERR Path '" + expression + "' does not exist");
    }

    /** Every value the path selects, in document order. */
    public List<JsonMatch> select(JsonNode root) {
        if (isRoot()) {
            return List.of(new JsonMatch(List.of(), null, root));
        }
        Object paths;
        try {
            paths = compiled().read(root, PATHS);
        } catch (JsonPathException e) {
            return List.of();
        }
        // With the Jackson provider the path list comes back as an array node of strings.
        List<JsonMatch> matches = new ArrayList<>();
        for (Object path : (Iterable<?>) paths) {
            String text = path instanceof JsonNode node ? node.textValue() : String.valueOf(path);
            resolve(root, text, matches);
        }
        return matches;
    }

    /** The first match, or null. */
    public JsonMatch first(JsonNode root) {
        List<JsonMatch> matches = select(root);
        return matches.isEmpty() ? null : matches.get(0);
    }

    private JsonPath compiled() {
        return COMPILED.get(expression, JsonPathQuery::compile);
    }

    private static JsonPath compile(String expression) {
        try {
            return JsonPath.compile(expression);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new CommandError("ERR JSON Path error: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** Validates the expression without evaluating it (JSON.SET checks paths before writing). */
    public JsonPathQuery validate() {
        if (!isRoot()) {
            compiled();
        }
        return this;
    }

    /**
     * Turns Jayway's concrete path ({@code $['a'][0]['b']}) into steps and walks them. Jayway
     * reports a definite index even when it is past the end, and negative indexes as written,
     * so both are settled here against the array itself. A last segment naming several members
     * ({@code $['a', 'b']}) yields one match per member present.
     */
    private static void resolve(JsonNode root, String path, List<JsonMatch> into) {
        List<Object> steps = new ArrayList<>();
        JsonNode parent = null;
        JsonNode node = root;
        int i = 1; // after '$'
        while (i < path.length()) {
            if (path.charAt(i) != '[') {
                return;
            }
            if (path.charAt(i + 1) == '\'') {
                List<String> names = new ArrayList<>(1);
                int at = i + 2;
                while (true) {
                    int end = closingQuote(path, at);
                    names.add(path.substring(at, end));
                    if (path.startsWith("', '", end)) {
                        at = end + 4;
                    } else {
                        i = end + 2;
                        break;
                    }
                }
                if (names.size() > 1) {
                    for (String name : names) {
                        JsonNode child = node.isObject() ? node.get(name) : null;
                        if (child != null) {
                            List<Object> memberSteps = new ArrayList<>(steps);
                            memberSteps.add(name);
                            into.add(new JsonMatch(List.copyOf(memberSteps), node, child));
                        }
                    }
                    return;
                }
                JsonNode child = node.isObject() ? node.get(names.get(0)) : null;
                if (child == null) {
                    return;
                }
                steps.add(names.get(0));
                parent = node;
                node = child;
            } else {
                int end = path.indexOf(']', i);
                int index = Integer.parseInt(path.substring(i + 1, end).trim());
                i = end + 1;
                if (!node.isArray()) {
                    return;
                }
                if (index < 0) {
                    index += node.size();
                }
                if (index < 0 || index >= node.size()) {
                    return;
                }
                steps.add(index);
                parent = node;
                node = node.get(index);
            }
        }
        into.add(new JsonMatch(List.copyOf(steps), parent, node));
    }

    /**
     * Jayway does not escape quotes in member names: a name ends at a "']" followed by "[" or
     * the end, or at the "', '" separating the names of a multi-member segment.
     */
    private static int closingQuote(String path, int from) {
        int at = from;
        while (true) {
            int end = path.indexOf('\'', at);
            if (end < 0) {
                throw new IllegalStateException("unterminated member in " + path);
            }
            if (path.startsWith("', '", end) || (path.startsWith("']", end)
                    && (end + 2 == path.length() || path.charAt(end + 2) == '['))) {
                return end;
            }
            at = end + 1;
        }
    }

    /**
     * Orders matches for removal: deeper values first and, within one array, higher indexes
     * first, so no removal shifts a value still to be removed; values inside another match are
     * dropped (they go with it). RedisJSON deletes in the same order.
     */
    public static List<JsonMatch> forRemoval(List<JsonMatch> matches) {
        List<JsonMatch> outermost = new ArrayList<>();
        for (JsonMatch match : matches) {
            boolean inside = false;
            for (JsonMatch other : matches) {
                if (match != other && match.isInside(other)) {
                    inside = true;
                    break;
                }
            }
            boolean duplicate = outermost.stream().anyMatch(kept -> kept.steps().equals(match.steps()));
            if (!inside && !duplicate) {
                outermost.add(match);
            }
        }
        outermost.sort(CHANGE_ORDER);
        return outermost;
    }

    /** Deeper values first; within one array, higher indexes first (safe order for structural changes). */
    public static final Comparator<JsonMatch> CHANGE_ORDER = (a, b) -> {
        List<Object> x = a.steps();
        List<Object> y = b.steps();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            Object p = x.get(i);
            Object q = y.get(i);
            if (p instanceof Integer pi && q instanceof Integer qi) {
                if (!pi.equals(qi)) {
                    return Integer.compare(qi, pi);
                }
            } else if (!p.equals(q)) {
                return p.toString().compareTo(q.toString());
            }
        }
        return Integer.compare(y.size(), x.size());
    };

    /**
     * Where JSON.SET / JSON.MERGE may create a member that does not exist yet: the parent
     * path and the new member's name. Only a static path (no wildcard, filter or recursive
     * descent) ending in a member name qualifies, as in RedisJSON.
     */
    public AddTarget addTarget() {
        List<Object> tokens = StaticPath.tokens(expression);
        if (tokens == null) {
            throw new CommandError("Err wrong static path");
        }
        if (tokens.isEmpty()) {
            throw new CommandError("Err path must end with object key to set");
        }
        Object last = tokens.get(tokens.size() - 1);
        if (!(last instanceof String key)) {
            return null;
        }
        return new AddTarget(StaticPath.render(tokens.subList(0, tokens.size() - 1)), key);
    }

    public record AddTarget(JsonPathQuery parent, String key) {
    }
}
