package io.diskdb.command;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One Redis 7 key specification of a command, parsed once from the catalog row: where the
 * search for keys begins ({@link BeginSearch}) and how the keys are found from there
 * ({@link FindKeys}), plus the flags that say how the command uses those keys.
 *
 * <p>{@link KeySpecFinder} interprets these exactly as Redis's {@code getKeysUsingKeySpecs}.
 */
public record KeySpec(List<String> flags, BeginSearch beginSearch, FindKeys findKeys) {

    public KeySpec {
        flags = List.copyOf(flags);
    }

    /** Where the first key (or the keyword before it) is. */
    public sealed interface BeginSearch permits Index, Keyword, UnknownBegin {
    }

    /** The search begins at a fixed argument index. */
    public record Index(int position) implements BeginSearch {
    }

    /**
     * The keys follow {@code keyword}, looked up from argument {@code startFrom}: forward when
     * positive, backward from {@code argc + startFrom} when negative.
     */
    public record Keyword(String keyword, int startFrom) implements BeginSearch {
    }

    /** Redis cannot say where the keys are (SORT BY/GET); a native procedure has to. */
    public record UnknownBegin() implements BeginSearch {
    }

    /** How many keys follow the beginning, and at which step. */
    public sealed interface FindKeys permits Range, KeyNum, UnknownFind {
    }

    /**
     * Keys up to {@code lastKey} relative to the beginning, or, when negative, relative to the
     * end of the arguments; with a {@code limit}, only 1/limit of the remaining arguments are
     * keys (XREAD STREAMS k1 k2 id1 id2).
     */
    public record Range(int lastKey, int keyStep, int limit) implements FindKeys {
    }

    /** The argument at {@code keyNumIndex} after the beginning counts the keys (ZUNIONSTORE, EVAL). */
    public record KeyNum(int keyNumIndex, int firstKey, int keyStep) implements FindKeys {
    }

    public record UnknownFind() implements FindKeys {
    }

    /** A "fake" key such as a shard channel: described like a key, but not one. */
    public boolean notKey() {
        return flags.contains("not_key");
    }

    /** The spec may miss keys; its results are not to be trusted on their own. */
    public boolean incomplete() {
        return flags.contains("incomplete");
    }

    /** The flags depend on the arguments (SET ... GET): a native procedure decides them. */
    public boolean variableFlags() {
        return flags.contains("variable_flags");
    }

    /** Parses the {@code key_specs} array of a catalog row; a missing array means no specs. */
    public static List<KeySpec> parseAll(JsonNode keySpecs) {
        if (keySpecs == null || keySpecs.isEmpty()) {
            return List.of();
        }
        List<KeySpec> specs = new ArrayList<>();
        keySpecs.forEach(node -> specs.add(parse(node)));
        return Collections.unmodifiableList(specs);
    }

    public static KeySpec parse(JsonNode node) {
        List<String> flags = new ArrayList<>();
        node.path("flags").forEach(flag -> flags.add(flag.asText()));
        return new KeySpec(flags, parseBegin(node.path("begin_search")), parseFind(node.path("find_keys")));
    }

    private static BeginSearch parseBegin(JsonNode node) {
        JsonNode spec = node.path("spec");
        return switch (node.path("type").asText()) {
            case "index" -> new Index(spec.path("index").asInt());
            case "keyword" -> new Keyword(spec.path("keyword").asText(), spec.path("startfrom").asInt());
            default -> new UnknownBegin();
        };
    }

    private static FindKeys parseFind(JsonNode node) {
        JsonNode spec = node.path("spec");
        return switch (node.path("type").asText()) {
            case "range" -> new Range(spec.path("lastkey").asInt(), spec.path("keystep").asInt(), spec.path("limit").asInt());
            case "keynum" -> new KeyNum(spec.path("keynumidx").asInt(), spec.path("firstkey").asInt(),
                    spec.path("keystep").asInt());
            default -> new UnknownFind();
        };
    }
}
