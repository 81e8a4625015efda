package io.diskdb.command;

/** A command DiskDB supports: its table row, its implementation and the key locks it needs. */
public record Command(CommandSpec spec, CommandHandler handler, LockPlan lockPlan) {
}
