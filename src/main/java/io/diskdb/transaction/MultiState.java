package io.diskdb.transaction;

import io.diskdb.command.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * One client's MULTI: whether it is open, the commands queued so far and whether one of them
 * was refused when queued (EXEC then aborts, as Redis's CLIENT_DIRTY_EXEC). Only the client's
 * event loop touches it, except {@link #executing()} which is read by commands run from EXEC.
 */
public final class MultiState {
    private boolean open;
    private boolean refusedCommand;
    /** How many commands the running EXEC has, or -1 when no EXEC is running. */
    private int executingCount = -1;
    private List<QueuedCommand> queue = new ArrayList<>();

    /** MULTI was called and neither EXEC nor DISCARD yet: commands are queued, not run. */
    public boolean isOpen() {
        return open;
    }

    public void open() {
        open = true;
    }

    public void queue(Command command, byte[][] args) {
        queue.add(new QueuedCommand(command, args));
    }

    /** A command was refused while queuing (unknown, wrong arity...): EXEC must fail with EXECABORT. */
    public void refuseExec() {
        refusedCommand = true;
    }

    public boolean execRefused() {
        return refusedCommand;
    }

    public List<QueuedCommand> queued() {
        return queue;
    }

    /** Ends the MULTI (EXEC or DISCARD): nothing queued, nothing refused. */
    public void close() {
        open = false;
        refusedCommand = false;
        queue = new ArrayList<>();
    }

    /** True while EXEC runs the queued commands: blocking commands must not block then. */
    public boolean executing() {
        return executingCount >= 0;
    }

    /** EXEC starts running {@code count} commands; the MULTI itself is already closed. */
    public void startExecuting(int count) {
        executingCount = count;
    }

    public void finishExecuting() {
        executingCount = -1;
    }

    /**
     * The size of the transaction, as CLIENT LIST's multi= shows it: the commands queued so far,
     * or, while EXEC runs them, the commands it runs.
     */
    public int size() {
        return executing() ? executingCount : queue.size();
    }
}
