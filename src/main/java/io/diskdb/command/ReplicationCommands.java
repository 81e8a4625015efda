package io.diskdb.command;

import io.diskdb.blocking.Waiter;
import io.diskdb.config.MasterAddress;
import io.diskdb.replication.AttachedReplica;
import io.diskdb.replication.LinkState;
import io.diskdb.replication.Replication;
import io.diskdb.server.ClientSession;

import java.util.List;

/**
 * REPLICAOF/SLAVEOF, ROLE and WAIT for users; PSYNC and REPLCONF for replicas talking to their
 * master (see docs/replication.md for the stream that follows PSYNC). Replies and errors are
 * Redis 7's.
 */
public final class ReplicationCommands {
    static final String READONLY = "READONLY You can't write against a read only replica.";
    private static final String WAIT_ON_REPLICA = "ERR WAIT cannot be used with replica instances. Please also note"
            + " that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to"
            + " replicas are just local and are not propagated.";

    private ReplicationCommands() {
    }

    public static void register(CommandTable table) {
        table.register("replicaof", ReplicationCommands::replicaOf);
        table.register("slaveof", ReplicationCommands::replicaOf);
        table.register("role", ReplicationCommands::role);
        table.register("wait", ReplicationCommands::waitForReplicas);
        table.register("psync", ReplicationCommands::psync);
        table.register("sync", ctx -> {
            throw new CommandError("ERR SYNC is not supported by DiskDB: replicas use PSYNC (see docs/replication.md)");
        });
        table.register("replconf", ReplicationCommands::replconf);
    }

    /** REPLICAOF host port | NO ONE. */
    static void replicaOf(CommandContext ctx) {
        Replication replication = ctx.server().replication();
        if (ctx.argIs(1, "no") && ctx.argIs(2, "one")) {
            replication.promote();
            ctx.server().settings().setReplicaof("");
            ctx.reply().simple("OK");
            return;
        }
        Long port = Numbers.parseLong(ctx.args()[2]);
        if (port == null || port < 0 || port > 65535) {
            throw new CommandError("ERR Invalid master port");
        }
        MasterAddress master = new MasterAddress(ctx.argString(1), port.intValue());
        if (master.equals(replication.master())) {
            ctx.reply().simple("OK Already connected to specified master");
            return;
        }
        replication.replicaOf(master);
        ctx.server().settings().setReplicaof(master.toString());
        ctx.reply().simple("OK");
    }

    /** ROLE: master with its replicas, or replica with its master and link state. */
    static void role(CommandContext ctx) {
        Replication replication = ctx.server().replication();
        MasterAddress master = replication.master();
        if (master == null) {
            List<AttachedReplica> replicas = replication.replicas();
            ctx.reply().arrayHeader(3);
            ctx.reply().bulk("master");
            ctx.reply().integer(replication.offset());
            ctx.reply().arrayHeader(replicas.size());
            for (AttachedReplica replica : replicas) {
                ctx.reply().arrayHeader(3);
                ctx.reply().bulk(replica.ip());
                ctx.reply().bulkDecimal(replica.listeningPort());
                ctx.reply().bulkDecimal(replica.ackedSequence());
            }
            return;
        }
        LinkState state = replication.linkState();
        ctx.reply().arrayHeader(5);
        ctx.reply().bulk("slave");
        ctx.reply().bulk(master.host());
        ctx.reply().integer(master.port());
        ctx.reply().bulk(state == null ? "connect" : state.word());
        ctx.reply().integer(state == LinkState.CONNECTED ? replication.offset() : -1);
    }

    /**
     * WAIT numreplicas timeout: until that many replicas have acknowledged every write made so
     * far (this server's latest sequence, which covers the client's own writes), or timeout ms
     * (0 = no limit); replies how many had.
     */
    static void waitForReplicas(CommandContext ctx) {
        Replication replication = ctx.server().replication();
        if (replication.isReplica()) {
            throw new CommandError(WAIT_ON_REPLICA);
        }
        long wanted = ctx.longArg(1);
        long timeout = waitTimeout(ctx.args()[2]);
        long sequence = replication.offset();
        int acknowledged = replication.acknowledgedBy(sequence);
        ClientSession session = ctx.session();
        if (acknowledged >= wanted || session.executingTransaction()) {
            ctx.reply().integer(acknowledged);
            return;
        }
        session.park(Waiter.withoutKeys(session, ctx.command(), ctx.args()));
        replication.await(session, sequence, (int) Math.min(wanted, Integer.MAX_VALUE), timeout);
    }

    private static long waitTimeout(byte[] arg) {
        Long timeout = Numbers.parseLong(arg);
        if (timeout == null) {
            throw new CommandError("ERR timeout is not an integer or out of range");
        }
        if (timeout < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        return timeout;
    }

    /** PSYNC replid next-sequence: a replica asks to continue from there (see {@link Replication#psync}). */
    static void psync(CommandContext ctx) {
        long next = ctx.longArg(2);
        String error = ctx.server().replication().psync(ctx.session(), ctx.session().replicaListeningPort(),
                ctx.argString(1), next);
        if (error == null) {
            return; // the connection now carries the replication stream
        }
        if (error.startsWith("+")) {
            ctx.reply().simple(error.substring(1));
            return;
        }
        throw new CommandError(error);
    }

    /** REPLCONF option value ...: listening-port, ip-address, capa (OK); ACK and GETACK (no reply). */
    static void replconf(CommandContext ctx) {
        if (ctx.argc() % 2 == 0) {
            throw Errors.syntax();
        }
        for (int i = 1; i < ctx.argc(); i += 2) {
            if (ctx.argIs(i, "listening-port")) {
                long port = ctx.longArg(i + 1);
                ctx.session().replicaListeningPort((int) port);
            } else if (ctx.argIs(i, "ack")) {
                long sequence = ctx.longArg(i + 1);
                ctx.server().replication().acknowledged(ctx.session(), sequence);
                return; // never answered, as in Redis: the stream has no room for replies
            } else if (ctx.argIs(i, "getack")) {
                return; // only meaningful from a master on its stream, which has frames for it
            } else if (!ctx.argIs(i, "ip-address") && !ctx.argIs(i, "capa")) {
                throw new CommandError("ERR Unrecognized REPLCONF option: " + ctx.argString(i));
            }
        }
        ctx.reply().simple("OK");
    }
}
