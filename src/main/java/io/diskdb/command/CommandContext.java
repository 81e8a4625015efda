package io.diskdb.command;

import io.diskdb.protocol.ReplyWriter;
import io.diskdb.server.ClientSession;
import io.diskdb.server.DiskDbServer;
import io.diskdb.server.ServerStats;
import io.diskdb.storage.DataType;
import io.diskdb.storage.Metadata;
import io.diskdb.storage.Transaction;
import io.diskdb.types.Collections;
import io.diskdb.util.Bytes;

import java.nio.charset.StandardCharsets;

/** Everything a command handler works with: its arguments, its client, its reply and its transaction. */
public final class CommandContext {
    private final DiskDbServer server;
    private final ClientSession session;
    private final Command command;
    private final byte[][] args;
    private final ReplyWriter reply;
    private final Transaction txn;

    public CommandContext(DiskDbServer server, ClientSession session, Command command, byte[][] args,
                          ReplyWriter reply, Transaction txn) {
        this.server = server;
        this.session = session;
        this.command = command;
        this.args = args;
        this.reply = reply;
        this.txn = txn;
    }

    public DiskDbServer server() {
        return server;
    }

    public ClientSession session() {
        return session;
    }

    public CommandSpec spec() {
        return command.spec();
    }

    public Command command() {
        return command;
    }

    /** The session's selected database. */
    public int db() {
        return session.db();
    }

    public Transaction txn() {
        return txn;
    }

    public ReplyWriter reply() {
        return reply;
    }

    public byte[][] args() {
        return args;
    }

    public int argc() {
        return args.length;
    }

    public byte[] arg(int index) {
        return args[index];
    }

    public String argString(int index) {
        return new String(args[index], StandardCharsets.UTF_8);
    }

    /** Whether the argument equals {@code keyword}, ignoring ASCII case (options like EX, NX). */
    public boolean argIs(int index, String keyword) {
        return Keywords.is(args[index], keyword);
    }

    public long longArg(int index) {
        return Numbers.parseLongOrError(args[index]);
    }

    public double doubleArg(int index) {
        return Numbers.parseDoubleOrError(args[index]);
    }

    /**
     * Looks a key up for reading and counts the keyspace hit or miss INFO reports, as Redis's
     * lookupKeyRead does. A key of another type counts as a hit.
     */
    public Metadata lookupRead(byte[] key) {
        Metadata meta = txn.meta(db(), key);
        ServerStats stats = server.stats();
        (meta == null ? stats.keyspaceMisses : stats.keyspaceHits).increment();
        return meta;
    }

    /** {@link #lookupRead} of a key that must be of {@code type} (WRONGTYPE otherwise). */
    public Metadata lookupRead(byte[] key, DataType type) {
        return Collections.requireType(lookupRead(key), type);
    }

    /**
     * Reports a keyspace event of this command (Redis's notifyKeyspaceEvent) on a key of the
     * selected database. Call it after the write succeeded; the event is published once the
     * command has committed and dropped if it fails. {@code type} is a
     * {@link io.diskdb.config.KeyspaceEvents} class bit.
     */
    public void notifyKeyspaceEvent(int type, String event, byte[] key) {
        notifyKeyspaceEvent(type, event, key, db());
    }

    /** {@link #notifyKeyspaceEvent(int, String, byte[])} on a key of another database (MOVE, COPY ... DB). */
    public void notifyKeyspaceEvent(int type, String event, byte[] key, int db) {
        if (server.keyspaceNotifier().enabled(type)) {
            session.pendingEvents().add(type, event, db, key);
        }
    }

    /**
     * The event of a store command (SINTERSTORE, ZRANGESTORE ...): its own name on the
     * destination, or "del" when an empty result deleted a destination that existed.
     */
    public void notifyStored(int type, byte[] destination, boolean existedBefore, long stored) {
        if (stored > 0) {
            notifyKeyspaceEvent(type, spec().name(), destination);
        } else if (existedBefore) {
            notifyKeyspaceEvent(io.diskdb.config.KeyspaceEvents.GENERIC, "del", destination);
        }
    }

    public Bytes bytesArg(int index) {
        return new Bytes(args[index]);
    }
}
