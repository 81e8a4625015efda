package io.diskdb.acl;

/**
 * Where the channel arguments of the pub/sub commands are (the command table has key specs
 * for keys only): PUBLISH/SPUBLISH channel message, SUBSCRIBE/SSUBSCRIBE channel...,
 * PSUBSCRIBE pattern.... Unsubscribing is never refused, as in Redis.
 */
final class ChannelArguments {
    /** Positions [first, last] of the channel arguments, or null if the command names none. */
    static int[] range(String command, int argc) {
        return switch (command) {
            case "publish", "spublish" -> new int[] {1, 1};
            case "subscribe", "ssubscribe", "psubscribe" -> new int[] {1, argc - 1};
            default -> null;
        };
    }

    static boolean arePatterns(String command) {
        return command.equals("psubscribe");
    }

    private ChannelArguments() {
    }
}
