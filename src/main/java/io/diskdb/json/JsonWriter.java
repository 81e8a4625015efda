package io.diskdb.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a Jackson tree as RedisJSON prints it (serde_json's escaping and number layout, and
 * RedisJSON's formatter for INDENT / NEWLINE / SPACE). Jackson's own generator differs in the
 * details clients compare: "1.0E20" versus "1e20", and the pretty printer's spacing.
 */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final JsonText.Format format;
    private final StringBuilder out = new StringBuilder(256);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    JsonWriter(JsonText.Format format) {
        this.format = format;
    }

    byte[] bytes() {
        flush();
        return bytes.toByteArray();
    }

    /** Moves the text built so far into the byte buffer, so huge documents are not held twice as chars. */
    private void flushIfLarge() {
        if (out.length() >= 64 * 1024) {
            flush();
        }
    }

    private void flush() {
        byte[] chunk = out.toString().getBytes(StandardCharsets.UTF_8);
        bytes.write(chunk, 0, chunk.length);
        out.setLength(0);
    }

    void value(JsonNode node, int depth) {
        switch (node.getNodeType()) {
            case OBJECT -> object(node, depth);
            case ARRAY -> array(node, depth);
            case STRING -> string(node.textValue());
            case NUMBER -> out.append(JsonText.number(node));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            default -> out.append("null");
        }
        flushIfLarge();
    }

    private void array(JsonNode array, int depth) {
        out.append('[');
        boolean first = true;
        for (JsonNode element : array) {
            beforeElement(first, depth + 1);
            first = false;
            value(element, depth + 1);
        }
        afterElements(first, depth);
        out.append(']');
    }

    private void object(JsonNode object, int depth) {
        out.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            beforeElement(first, depth + 1);
            first = false;
            string(member.getKey());
            out.append(':').append(format.space());
            value(member.getValue(), depth + 1);
        }
        afterElements(first, depth);
        out.append('}');
    }

    private void beforeElement(boolean first, int depth) {
        if (!first) {
            out.append(',');
        }
        out.append(format.newline());
        indent(depth);
    }

    private void afterElements(boolean empty, int depth) {
        if (!empty) {
            out.append(format.newline());
            indent(depth);
        }
    }

    private void indent(int depth) {
        if (!format.indent().isEmpty()) {
            out.append(format.indent().repeat(depth));
        }
    }

    /** serde_json's escaping: quote, backslash and control characters only; the rest stays UTF-8. */
    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
