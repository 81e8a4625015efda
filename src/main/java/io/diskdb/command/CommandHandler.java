package io.diskdb.command;

/** Runs one command: reads its arguments from the context and writes exactly one reply. */
@FunctionalInterface
public interface CommandHandler {
    void execute(CommandContext ctx);
}
