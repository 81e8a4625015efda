package io.diskdb.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import io.diskdb.command.CommandError;

import java.io.IOException;
import java.math.BigInteger;

/**
 * JSON text in and out, the way RedisJSON (serde_json) reads and prints it: integers stay
 * integers and floats stay floats ({@code 1.0} prints as {@code 1.0}, {@code 3} as {@code 3}),
 * floats print in their shortest round-tripping form, strings escape only what JSON requires,
 * and invalid input is rejected with a serde_json-style reason and position.
 */
public final class JsonText {
    /** serde_json's default nesting limit, which RedisJSON keeps. */
    private static final int MAX_DEPTH = 128;
    private static final ObjectMapper MAPPER = mapper(MAX_DEPTH);
    /** Stored documents may be deeper than one input: values are nested into each other by path. */
    private static final ObjectMapper STORED = mapper(100_000);

    private JsonText() {
    }

    private static ObjectMapper mapper(int maxDepth) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(false))
                .build();
        // Documents of hundreds of megabytes with long strings are legal; the protocol's bulk
        // length limit bounds them, not Jackson's defaults.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE)
                .maxNumberLength(10_000)
                .maxNestingDepth(maxDepth)
                .maxDocumentLength(-1)
                .build());
        return mapper;
    }

    /** Parses a JSON value (any type at the top level); a clear ERR otherwise. */
    public static JsonNode parse(byte[] text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new CommandError("ERR EOF while parsing a value at line 1 column 0");
            }
            return normalizeNumbers(node);
        } catch (StreamConstraintsException e) {
            throw new CommandError("ERR recursion limit exceeded");
        } catch (JsonProcessingException e) {
            throw new CommandError(describe(e));
        } catch (IOException e) {
            throw new CommandError("ERR " + e.getMessage());
        }
    }

    /** Parses a document read back from storage, written by {@link #compact}. */
    public static JsonNode parseStored(byte[] text) {
        try {
            return STORED.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON document is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * serde_json keeps integers up to u64 and turns larger ones into floats; Jackson would make
     * a BigInteger. Replace those so that every number is a long or a double.
     */
    private static JsonNode normalizeNumbers(JsonNode node) {
        if (node.isDouble() && !Double.isFinite(node.doubleValue())) {
            throw new CommandError("ERR number out of range");
        }
        if (node instanceof BigIntegerNode big) {
            BigInteger value = big.bigIntegerValue();
            return DoubleNode.valueOf(value.doubleValue());
        }
        if (node.isContainerNode()) {
            if (node.isArray()) {
                var array = (com.fasterxml.jackson.databind.node.ArrayNode) node;
                for (int i = 0; i < array.size(); i++) {
                    JsonNode child = array.get(i);
                    if (needsNormalizing(child)) {
                        array.set(i, normalizeNumbers(child));
                    }
                }
            } else {
                var object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
                object.properties().forEach(entry -> {
                    if (needsNormalizing(entry.getValue())) {
                        entry.setValue(normalizeNumbers(entry.getValue()));
                    }
                });
            }
        }
        return node;
    }

    private static boolean needsNormalizing(JsonNode node) {
        return node.isContainerNode() || node instanceof BigIntegerNode || node.isDouble();
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + " column " + Math.max(0, at.getColumnNr());
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String reason;
        if (original.startsWith("Unexpected end-of-input")) {
            reason = "EOF while parsing a value";
        } else if (original.startsWith("Trailing token")) {
            reason = "trailing characters";
        } else if (e instanceof JsonParseException
                && (original.startsWith("Unrecognized token") || original.startsWith("Unexpected character"))) {
            reason = "expected value";
        } else {
            reason = original.lines().findFirst().orElse("invalid JSON");
        }
        return "ERR " + reason + where;
    }

    /** Compact text (no whitespace), RedisJSON's default reply and DiskDB's stored form. */
    public static byte[] compact(JsonNode node) {
        return write(node, Format.COMPACT);
    }

    public static byte[] write(JsonNode node, Format format) {
        JsonWriter writer = new JsonWriter(format);
        writer.value(node, 0);
        return writer.bytes();
    }

    public static String toText(JsonNode node) {
        return new String(compact(node), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** How a number prints in RedisJSON: integers as integers, floats as serde_json/ryu prints them. */
    public static String number(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.asText();
        }
        return formatDouble(number.doubleValue());
    }

    /** Ryu's layout (serde_json's): shortest digits, plain notation for exponents -5..16, else 1e20 style. */
    public static String formatDouble(double value) {
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int length = digits.length();
        int k = -exact.scale();        // value = digits * 10^k
        int kk = length + k;           // value = 0.digits * 10^kk
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        if (k >= 0 && kk <= 16) {
            out.append(digits).append("0".repeat(k)).append(".0");
        } else if (kk > 0 && kk <= 16) {
            out.append(digits, 0, kk).append('.').append(digits, kk, length);
        } else if (kk > -5 && kk <= 0) {
            out.append("0.").append("0".repeat(-kk)).append(digits);
        } else if (length == 1) {
            out.append(digits).append('e').append(kk - 1);
        } else {
            out.append(digits, 0, 1).append('.').append(digits, 1, length).append('e').append(kk - 1);
        }
        return out.toString();
    }

    /** Whether a number node holds a float (RedisJSON type "number") rather than an integer. */
    public static boolean isFloat(JsonNode node) {
        return node instanceof NumericNode && !node.isIntegralNumber();
    }

    /**
     * JSON.GET's INDENT / NEWLINE / SPACE: the text put per nesting level, after each element
     * and after each colon. All empty is the compact form.
     */
    public record Format(String indent, String newline, String space) {
        public static final Format COMPACT = new Format("", "", "");

        public boolean compact() {
            return indent.isEmpty() && newline.isEmpty() && space.isEmpty();
        }
    }
}
