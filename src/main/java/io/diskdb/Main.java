package io.diskdb;

public final class Main {
    public static void main(String[] args) {
    }
}
