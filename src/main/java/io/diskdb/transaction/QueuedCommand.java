package io.diskdb.transaction;

import io.diskdb.command.Command;

/** A command a client sent after MULTI, resolved and arity-checked, waiting for EXEC. */
public record QueuedCommand(Command command, byte[][] args) {
}
