package io.diskdb.server;

import io.diskdb.command.Dispatcher;
import io.diskdb.protocol.ProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Feeds one connection's decoded commands to the dispatcher, in order, on the connection's
 * event loop. Replies of a read batch are gathered and flushed once at the end of the batch
 * (so pipelined requests cost one write), or earlier when they grow large. When the client
 * stops reading its replies, reading its requests pauses too, which bounds the memory a
 * non-reading client can make the server hold.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final int FLUSH_THRESHOLD = 64 * 1024;

    private final DiskDbServer server;
    private final Dispatcher dispatcher;
    private final ClientSession session;
    private final ReplyBarrier replies;
    /**
     * Requests that arrived while a blocking command had the client parked: Redis runs nothing
     * else of a blocked client, so they wait here and run in order once it is answered. Past
     * {@link #MAX_QUEUED_WHILE_BLOCKED} reading pauses, which bounds the memory one client holds.
     */
    private final ArrayDeque<Object> queuedWhileBlocked = new ArrayDeque<>();
    private static final int MAX_QUEUED_WHILE_BLOCKED = 1024;

    ConnectionHandler(DiskDbServer server, Dispatcher dispatcher, ClientSession session, ReplyBarrier replies) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.session = session;
        this.replies = replies;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        server.stats().connectionsReceived.increment();
        if (server.clients().count() >= server.maxClients()) {
            server.stats().rejectedConnections.increment();
            session.reply().error("ERR max number of clients reached");
            ctx.writeAndFlush(session.takeReplies()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (ProtectedMode.refuses(server.settings().isProtectedMode(), server.acl().defaultUser(),
                ctx.channel().remoteAddress())) {
            session.reply().error(ProtectedMode.DENIED);
            ctx.writeAndFlush(session.takeReplies()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        server.clients().add(session);
        session.afterUnpark(() -> resume(ctx));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.clients().remove(session);
        server.pause().forget(session);
        queuedWhileBlocked.clear();
        server.blocking().cancel(session);
        server.pubsub().unsubscribeAll(session);
        ByteBuf pending = session.takeReplies();
        if (pending != null) {
            pending.release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session.blocked() || session.postponed()) {
            queuedWhileBlocked.addLast(msg);
            if (queuedWhileBlocked.size() >= MAX_QUEUED_WHILE_BLOCKED) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        process(ctx, msg);
    }

    /** The blocked command was answered: send its reply, then run what queued up behind it. */
    private void resume(ChannelHandlerContext ctx) {
        while (!session.blocked() && !session.postponed() && !queuedWhileBlocked.isEmpty()) {
            process(ctx, queuedWhileBlocked.pollFirst());
        }
        channelReadComplete(ctx);
        if (!session.blocked() && !session.postponed() && ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void process(ChannelHandlerContext ctx, Object msg) {
        if (session.closing()) {
            return; // after QUIT or a protocol error nothing more is read
        }
        if (msg instanceof byte[][] args) {
            int replyStart = session.commandReceived(System.currentTimeMillis());
            dispatcher.dispatch(session, args);
            session.commandDone(replyStart);
            if (session.postponed()) {
                // CLIENT PAUSE held it back: it runs again, first, when the pause ends
                server.pause().postpone(session, () -> {
                    queuedWhileBlocked.addFirst(session.takePostponed());
                    resume(ctx);
                });
            }
            if (session.pendingReplyBytes() >= FLUSH_THRESHOLD) {
                send(ctx, session.takeReplies(), false);
            }
        } else if (msg instanceof ProtocolError error) {
            session.reply().error("ERR Protocol error: " + error.message());
            session.closeAfterReply();
        }
        if (session.closing()) {
            ByteBuf out = session.takeReplies();
            send(ctx, out != null ? out : ctx.alloc().buffer(0), true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        send(ctx, session.takeReplies(), false);
    }

    /** Replies leave through the barrier: only once the writes they may report are durable. */
    private void send(ChannelHandlerContext ctx, ByteBuf out, boolean close) {
        if (out != null) {
            server.stats().netOutputBytes.add(out.readableBytes());
        }
        replies.send(ctx, out, close, session::enforceOutputLimit);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("connection {} closed: {}", session.remoteAddress(), cause.getMessage());
        } else {
            log.warn("closing connection {} after an unexpected error", session.remoteAddress(), cause);
        }
        ctx.close();
    }
}
