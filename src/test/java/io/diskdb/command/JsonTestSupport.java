package io.diskdb.command;

import java.nio.charset.StandardCharsets;

/** RESP texts for asserting JSON.* replies byte for byte. */
final class JsonTestSupport {
    static final String OK = "+OK\r\n";
    static final String NIL = "$-1\r\n";
    static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    private JsonTestSupport() {
    }

    static String bulk(String text) {
        return "$" + text.getBytes(StandardCharsets.UTF_8).length + "\r\n" + text + "\r\n";
    }

    static String integer(long value) {
        return ":" + value + "\r\n";
    }

    static String error(String message) {
        return "-" + message + "\r\n";
    }

    static String array(String... elements) {
        return "*" + elements.length + "\r\n" + String.join("", elements);
    }

    static String simple(String text) {
        return "+" + text + "\r\n";
    }
}
