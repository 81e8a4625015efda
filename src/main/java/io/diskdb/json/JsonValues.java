package io.diskdb.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/** Value-level rules RedisJSON applies: type names, equality, numbers and merge patches. */
public final class JsonValues {
    private JsonValues() {
    }

    /** The name JSON.TYPE reports and errors quote. */
    public static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NUMBER -> node.isIntegralNumber() ? "integer" : "number";
            default -> "null";
        };
    }

    /** An integer node of the same class the parser would produce, so equal values compare equal. */
    public static JsonNode integer(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    public static JsonNode floating(double value) {
        return DoubleNode.valueOf(value);
    }

    /**
     * RedisJSON's equality (JSON.ARRINDEX): same type and value, integers and floats never equal
     * each other, objects equal regardless of member order.
     */
    public static boolean same(JsonNode a, JsonNode b) {
        return a.equals(SCALARS, b);
    }

    private static final Comparator<JsonNode> SCALARS = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            if (x.isIntegralNumber() != y.isIntegralNumber()) {
                return 1;
            }
            return x.isIntegralNumber()
                    ? Long.compare(x.longValue(), y.longValue())
                    : Double.compare(x.doubleValue(), y.doubleValue());
        }
        return x.equals(y) ? 0 : 1;
    };

    /** RFC 7396 merge patch (JSON.MERGE): null members delete, objects merge, anything else replaces. */
    public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : ObjectNode.class.cast(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), mergePatch(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
