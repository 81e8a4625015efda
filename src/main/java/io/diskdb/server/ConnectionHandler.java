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
    /**
     * Requests that arrived while a blocking command had the client parked: Redis runs nothing
     * else of a blocked client, so they wait here and run in order once it is answered. Past
     * {@link #MAX_QUEUED_WHILE_BLOCKED} reading pauses, which bounds the memory one client holds.
     */
    private final ArrayDeque<Object> queuedWhileBlocked = new ArrayDeque<>();
    private static final int MAX_QUEUED_WHILE_BLOCKED = 1024;

    ConnectionHandler(DiskDbServer server, Dispatcher dispatcher, ClientSession session) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.session = session;
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
        server.clients().add(session);
        session.afterUnpark(() -> resume(ctx));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.clients().remove(session);
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
        if (session.blocked()) {
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
        while (!session.blocked() && !queuedWhileBlocked.isEmpty()) {
            process(ctx, queuedWhileBlocked.pollFirst());
        }
        channelReadComplete(ctx);
        if (!session.blocked() && ctx.channel().isWritable()) {
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
            if (session.pendingReplyBytes() >= FLUSH_THRESHOLD) {
                ctx.write(session.takeReplies());
            }
        } else if (msg instanceof ProtocolError error) {
            session.reply().error("ERR Protocol error: " + error.message());
            session.closeAfterReply();
        }
        if (session.closing()) {
            ByteBuf out = session.takeReplies();
            ctx.writeAndFlush(out != null ? out : ctx.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ByteBuf out = session.takeReplies();
        if (out != null) {
            server.stats().netOutputBytes.add(out.readableBytes());
            ctx.writeAndFlush(out);
            session.enforceOutputLimit();
        } else {
            ctx.flush();
        }
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
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
