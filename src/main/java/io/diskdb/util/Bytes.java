package io.diskdb.util;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A byte array with value equality, for use as a map or cache key. */
public final class Bytes implements Comparable<Bytes> {
    private final byte[] data;
    private final int hash;

    public Bytes(byte[] data) {
        this.data = data;
        this.hash = Arrays.hashCode(data);
    }

    public static Bytes of(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] array() {
        return data;
    }

    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes b && b.hash == hash && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(data, other.data);
    }

    @Override
    public String toString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    public static String utf8(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
