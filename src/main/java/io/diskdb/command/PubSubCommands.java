package io.diskdb.command;

import io.diskdb.protocol.ReplyWriter;
import io.diskdb.pubsub.PubSub;
import io.diskdb.pubsub.SubscriptionKind;
import io.diskdb.server.ClientSession;
import io.diskdb.server.DiskDbServer;
import io.diskdb.util.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * PUBLISH, SPUBLISH, (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE and PUBSUB with Redis 7.0's replies.
 * Every (un)subscription is confirmed by a push frame of its own (an array in RESP2) carrying
 * the client's subscription count after it; delivery itself is {@link PubSub}'s.
 */
public final class PubSubCommands {
    /** What a RESP2 client may run while subscribed (Redis's processCommand). */
    private static final Set<String> ALLOWED_WHILE_SUBSCRIBED = Set.of("subscribe", "ssubscribe", "psubscribe",
            "unsubscribe", "sunsubscribe", "punsubscribe", "ping", "quit", "reset");
    /** Channels are not keys: SPUBLISH/SSUBSCRIBE name them as keys only for cluster routing. */
    private static final LockPlan NO_LOCKS = (keyspace, session, command, args) -> new int[0];
    private static final byte[] PONG = "pong".getBytes(StandardCharsets.US_ASCII);

    private PubSubCommands() {
    }

    public static void register(CommandTable table, DiskDbServer server) {
        PubSub pubsub = server.pubsub();
        table.register("publish", ctx -> ctx.reply().integer(pubsub.publish(ctx.arg(1), ctx.arg(2))));
        table.register("spublish", ctx -> ctx.reply().integer(pubsub.publishShard(ctx.arg(1), ctx.arg(2))), NO_LOCKS);
        table.register("subscribe", ctx -> subscribe(ctx, pubsub, SubscriptionKind.CHANNEL));
        table.register("psubscribe", ctx -> subscribe(ctx, pubsub, SubscriptionKind.PATTERN));
        table.register("ssubscribe", ctx -> subscribe(ctx, pubsub, SubscriptionKind.SHARD), NO_LOCKS);
        table.register("unsubscribe", ctx -> unsubscribe(ctx, pubsub, SubscriptionKind.CHANNEL));
        table.register("punsubscribe", ctx -> unsubscribe(ctx, pubsub, SubscriptionKind.PATTERN));
        table.register("sunsubscribe", ctx -> unsubscribe(ctx, pubsub, SubscriptionKind.SHARD), NO_LOCKS);
        table.register("pubsub|channels", ctx -> channels(ctx, pubsub, SubscriptionKind.CHANNEL));
        table.register("pubsub|shardchannels", ctx -> channels(ctx, pubsub, SubscriptionKind.SHARD));
        table.register("pubsub|numsub", ctx -> numsub(ctx, pubsub, SubscriptionKind.CHANNEL));
        table.register("pubsub|shardnumsub", ctx -> numsub(ctx, pubsub, SubscriptionKind.SHARD));
        table.register("pubsub|numpat", ctx -> ctx.reply().integer(pubsub.patternCount()));
        table.register("pubsub|help", ctx -> HelpReply.write(ctx.reply(), "pubsub",
                "CHANNELS [<pattern>]",
                "    Return the currently active channels matching a <pattern> (default: '*').",
                "NUMPAT",
                "    Return number of subscriptions to patterns.",
                "NUMSUB [<channel> ...]",
                "    Return the number of subscribers for the specified channels, excluding",
                "    pattern subscriptions(default: no channels).",
                "SHARDCHANNELS [<pattern>]",
                "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                "SHARDNUMSUB [<shardchannel> ...]",
                "    Return the number of subscribers for the specified shard level channel(s)"));
    }

    /** Whether a RESP2 client in subscribed mode may run the command. */
    static boolean allowedWhileSubscribed(Command command) {
        return ALLOWED_WHILE_SUBSCRIBED.contains(command.spec().name());
    }

    /** PING of a RESP2 subscriber: ["pong", message or ""], as Redis answers in that mode. */
    static boolean pingWhileSubscribed(CommandContext ctx) {
        if (!ctx.session().inResp2SubscribedMode()) {
            return false;
        }
        ctx.reply().arrayHeader(2);
        ctx.reply().bulk(PONG);
        ctx.reply().bulk(ctx.argc() == 2 ? ctx.arg(1) : new byte[0]);
        return true;
    }

    private static void subscribe(CommandContext ctx, PubSub pubsub, SubscriptionKind kind) {
        if (ctx.session().executingTransaction() && kind == SubscriptionKind.SHARD) {
            // Redis 7.0 refuses SSUBSCRIBE run by EXEC (SUBSCRIBE and PSUBSCRIBE are let through)
            throw new CommandError("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
        }
        for (int i = 1; i < ctx.argc(); i++) {
            pubsub.subscribe(ctx.session(), kind, ctx.arg(i));
            confirm(ctx, kind, true, ctx.arg(i));
        }
    }

    private static void unsubscribe(CommandContext ctx, PubSub pubsub, SubscriptionKind kind) {
        ClientSession session = ctx.session();
        if (ctx.argc() > 1) {
            for (int i = 1; i < ctx.argc(); i++) {
                pubsub.unsubscribe(session, kind, ctx.arg(i));
                confirm(ctx, kind, false, ctx.arg(i));
            }
            return;
        }
        List<Bytes> all = pubsub.subscribedTo(session, kind);
        if (all.isEmpty()) {
            confirm(ctx, kind, false, null); // Redis confirms "nothing" with a null name
            return;
        }
        for (Bytes name : all) {
            pubsub.unsubscribe(session, kind, name.array());
            confirm(ctx, kind, false, name.array());
        }
    }

    private static void confirm(CommandContext ctx, SubscriptionKind kind, boolean subscribed, byte[] name) {
        ReplyWriter reply = ctx.reply();
        reply.pushHeader(3);
        reply.bulk(subscribed ? kind.subscribeWord() : kind.unsubscribeWord());
        reply.bulk(name); // null name: a null bulk
        reply.integer(ctx.session().subscriptions().replyCount(kind));
    }

    /** PUBSUB CHANNELS|SHARDCHANNELS [pattern] */
    private static void channels(CommandContext ctx, PubSub pubsub, SubscriptionKind kind) {
        if (ctx.argc() > 3) {
            throw Errors.subcommandSyntax(ctx);
        }
        List<Bytes> names = pubsub.activeNames(kind, ctx.argc() == 3 ? ctx.arg(2) : null);
        ctx.reply().arrayHeader(names.size());
        for (Bytes name : names) {
            ctx.reply().bulk(name.array());
        }
    }

    /** PUBSUB NUMSUB|SHARDNUMSUB [channel ...]: channel, count pairs. */
    private static void numsub(CommandContext ctx, PubSub pubsub, SubscriptionKind kind) {
        ReplyWriter reply = ctx.reply();
        reply.arrayHeader((ctx.argc() - 2) * 2); // a flat array, in RESP3 too, as Redis 7.0 answers
        for (int i = 2; i < ctx.argc(); i++) {
            reply.bulk(ctx.arg(i));
            reply.integer(pubsub.subscriberCount(kind, ctx.arg(i)));
        }
    }
}
