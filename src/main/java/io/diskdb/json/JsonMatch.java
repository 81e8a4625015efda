package io.diskdb.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One value a path selected: where it sits (its parent and member name or index; none for the
 * root) and the value itself. Containers are changed in place through {@link #node()}; scalars
 * are replaced through {@link #replace}.
 */
public final class JsonMatch {
    private final List<Object> steps;
    private final JsonNode parent;
    private JsonNode node;

    JsonMatch(List<Object> steps, JsonNode parent, JsonNode node) {
        this.steps = steps;
        this.parent = parent;
        this.node = node;
    }

    public JsonNode node() {
        return node;
    }

    /** Member names (String) and array indexes (Integer, non-negative) from the root. */
    public List<Object> steps() {
        return steps;
    }

    public boolean isRoot() {
        return parent == null;
    }

    /** Puts {@code value} where the matched value was. */
    public void replace(JsonDocument doc, JsonNode value) {
        if (parent == null) {
            doc.replaceRoot(value);
        } else if (parent instanceof ObjectNode object) {
            object.set((String) last(), value);
        } else {
            ((ArrayNode) parent).set((Integer) last(), value);
        }
        node = value;
    }

    /** Removes the matched value from its parent; the root cannot be removed this way. */
    public void remove() {
        if (parent instanceof ObjectNode object) {
            object.remove((String) last());
        } else if (parent instanceof ArrayNode array) {
            array.remove((Integer) last());
        }
    }

    private Object last() {
        return steps.get(steps.size() - 1);
    }

    /** Whether this match lies strictly inside {@code other}'s value. */
    boolean isInside(JsonMatch other) {
        return steps.size() > other.steps.size() && steps.subList(0, other.steps.size()).equals(other.steps);
    }
}
