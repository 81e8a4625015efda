package io.diskdb.server;

import io.diskdb.storage.Engine;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds back the replies an event loop produces until the writes they may depend on are
 * durable, then sends them all. Replies handed over while the loop serves its ready
 * connections are released by one task that runs after that I/O batch: it makes the WAL
 * durable once ({@link Engine#makeDurable}: one write to the OS, plus one fsync under
 * {@code sync: always}) and flushes every waiting connection. This is the order Redis keeps in
 * beforeSleep (AOF first, then replies), and it turns many WAL writes and fsyncs into one.
 */
final class ReplyBarrier {
    private final Engine engine;
    private final FastThreadLocal<Pending> pending = new FastThreadLocal<>() {
        @Override
        protected Pending initialValue() {
            return new Pending();
        }
    };

    ReplyBarrier(Engine engine) {
        this.engine = engine;
    }

    private static final class Pending {
        final List<ChannelHandlerContext> contexts = new ArrayList<>();
        final List<ByteBuf> replies = new ArrayList<>();
        final List<Boolean> closeAfter = new ArrayList<>();
        final List<Runnable> afterWrite = new ArrayList<>();
        boolean scheduled;
    }

    /**
     * Queues replies (or, with {@code replies} null, just a flush) of a connection served on the
     * calling event loop; {@code close} closes the connection once they are sent, and
     * {@code afterWrite} runs once they are handed to the socket (output buffer limits).
     */
    void send(ChannelHandlerContext ctx, ByteBuf replies, boolean close, Runnable afterWrite) {
        Pending p = pending.get();
        p.contexts.add(ctx);
        p.replies.add(replies);
        p.closeAfter.add(close);
        p.afterWrite.add(afterWrite);
        if (!p.scheduled) {
            p.scheduled = true;
            ctx.executor().execute(() -> release(p));
        }
    }

    private void release(Pending p) {
        p.scheduled = false;
        try {
            engine.makeDurable();
        } catch (RuntimeException e) {
            // Nothing may be acknowledged that is not durable: drop these connections.
            for (int i = 0; i < p.contexts.size(); i++) {
                release(p.replies.get(i));
                p.contexts.get(i).close();
            }
            clear(p);
            throw e;
        }
        for (int i = 0; i < p.contexts.size(); i++) {
            ChannelHandlerContext ctx = p.contexts.get(i);
            ByteBuf replies = p.replies.get(i);
            if (replies == null) {
                ctx.flush();
                continue;
            }
            var written = ctx.writeAndFlush(replies);
            p.afterWrite.get(i).run();
            if (p.closeAfter.get(i)) {
                written.addListener(ChannelFutureListener.CLOSE);
            } else if (!ctx.channel().isWritable()) {
                // The client is not reading its replies: stop reading its requests until it
                // drains them (ConnectionHandler.channelWritabilityChanged resumes), which
                // bounds what one client can make the server hold.
                ctx.channel().config().setAutoRead(false);
            }
        }
        clear(p);
    }

    private static void release(ByteBuf buf) {
        if (buf != null) {
            buf.release();
        }
    }

    private static void clear(Pending p) {
        p.contexts.clear();
        p.replies.clear();
        p.closeAfter.clear();
        p.afterWrite.clear();
    }
}
