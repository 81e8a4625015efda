package io.diskdb.command;

import io.diskdb.replication.CheckpointFile;
import io.diskdb.replication.CheckpointManifest;
import io.diskdb.replication.ReplicationCheckpoints;

import java.io.IOException;

/**
 * REPLCHECKPOINT (arguments after the subcommand, from index 2): what a replica's full sync asks its master for over the normal RESP port (see
 * {@link ReplicationCheckpoints}). CREATE starts a checkpoint and returns its id; MANIFEST lists its
 * files (TRYAGAIN while it is being made); FETCH id file offset count returns a byte range of one
 * of them; RELEASE deletes it. Admin commands: a replica authenticates as a user allowed @admin.
 */
public final class ReplicationCheckpointCommands {
    private ReplicationCheckpointCommands() {
    }

    public static void register(CommandTable table) {
        table.register("replcheckpoint|create", ReplicationCheckpointCommands::create);
        table.register("replcheckpoint|manifest", ReplicationCheckpointCommands::manifest);
        table.register("replcheckpoint|fetch", ReplicationCheckpointCommands::fetch);
        table.register("replcheckpoint|release", ReplicationCheckpointCommands::release);
        table.register("replcheckpoint|help", ctx -> HelpReply.write(ctx.reply(), "replcheckpoint",
                "CREATE",
                "    Start making a checkpoint of the data for a replica's full sync; returns its id.",
                "MANIFEST <id>",
                "    The checkpoint's id, sequence number and files ([name, size, crc32c] each).",
                "FETCH <id> <file> <offset> <count>",
                "    Up to <count> bytes of a file of the checkpoint from <offset>.",
                "RELEASE <id>",
                "    Delete the checkpoint; 1 if it existed."));
    }

    static void create(CommandContext ctx) {
        try {
            ctx.reply().bulk(checkpoints(ctx).create());
        } catch (IllegalStateException full) {
            throw new CommandError("ERR " + full.getMessage());
        }
    }

    static void manifest(CommandContext ctx) {
        CheckpointManifest manifest;
        try {
            manifest = checkpoints(ctx).manifest(ctx.argString(2));
        } catch (ReplicationCheckpoints.NotReadyException e) {
            throw new CommandError("TRYAGAIN " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CommandError("ERR " + e.getMessage());
        }
        var reply = ctx.reply();
        reply.mapHeader(3);
        reply.bulk("id");
        reply.bulk(manifest.id());
        reply.bulk("sequence");
        reply.integer(manifest.sequence());
        reply.bulk("files");
        reply.arrayHeader(manifest.files().size());
        for (CheckpointFile file : manifest.files()) {
            reply.arrayHeader(3);
            reply.bulk(file.name());
            reply.integer(file.size());
            reply.integer(file.crc32c());
        }
    }

    static void fetch(CommandContext ctx) {
        long offset = ctx.longArg(4);
        long count = ctx.longArg(5);
        byte[] bytes;
        try {
            bytes = checkpoints(ctx).read(ctx.argString(2), ctx.argString(3), offset, count);
        } catch (ReplicationCheckpoints.NotReadyException e) {
            throw new CommandError("TRYAGAIN " + e.getMessage());
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandError("ERR " + e.getMessage());
        }
        ctx.reply().bulk(bytes);
    }

    static void release(CommandContext ctx) {
        ctx.reply().integer(checkpoints(ctx).release(ctx.argString(2)) ? 1 : 0);
    }

    private static ReplicationCheckpoints checkpoints(CommandContext ctx) {
        return ctx.server().replicationCheckpoints();
    }
}
