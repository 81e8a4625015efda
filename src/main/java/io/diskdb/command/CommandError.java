package io.diskdb.command;

/**
 * A command failed with a Redis error reply. The message starts with the error code, exactly
 * as the client will read it ("ERR syntax error", "WRONGTYPE ..."). Thrown before the command
 * wrote anything it wants kept: the dispatcher drops the partial reply and all staged writes.
 */
public final class CommandError extends RuntimeException {
    public CommandError(String message) {
        super(message, null, false, false);
    }
}
