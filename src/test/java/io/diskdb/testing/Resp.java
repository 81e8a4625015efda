package io.diskdb.testing;

import java.nio.charset.StandardCharsets;

/** RESP2 replies as exact text, to assert against {@link RawConnection#call} byte for byte. */
public final class Resp {
    public static final String OK = "+OK\r\n";
    public static final String NIL = "$-1\r\n";
    public static final String NIL_ARRAY = "*-1\r\n";
    public static final String EMPTY_ARRAY = "*0\r\n";
    public static final String SYNTAX = "-ERR syntax error\r\n";
    public static final String NOT_INTEGER = "-ERR value is not an integer or out of range\r\n";
    public static final String NOT_FLOAT = "-ERR value is not a valid float\r\n";
    public static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    private Resp() {
    }

    public static String simple(String text) {
        return "+" + text + "\r\n";
    }

    public static String error(String message) {
        return "-" + message + "\r\n";
    }

    public static String integer(long value) {
        return ":" + value + "\r\n";
    }

    public static String bulk(String value) {
        return "$" + value.getBytes(StandardCharsets.UTF_8).length + "\r\n" + value + "\r\n";
    }

    /** An array of already-encoded elements. */
    public static String array(String... elements) {
        return "*" + elements.length + "\r\n" + String.join("", elements);
    }

    /** An array of bulk strings. */
    public static String bulks(String... values) {
        StringBuilder out = new StringBuilder("*" + values.length + "\r\n");
        for (String value : values) {
            out.append(bulk(value));
        }
        return out.toString();
    }

    /** An array of integers. */
    public static String integers(long... values) {
        StringBuilder out = new StringBuilder("*" + values.length + "\r\n");
        for (long value : values) {
            out.append(integer(value));
        }
        return out.toString();
    }

    /** The dispatcher's arity error for {@code command}. */
    public static String arity(String command) {
        return "-ERR wrong number of arguments for '" + command + "' command\r\n";
    }
}
