package io.diskdb.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Counts request bytes for INFO's total_net_input_bytes before the decoder consumes them. */
@io.netty.channel.ChannelHandler.Sharable
final class InputCounter extends ChannelInboundHandlerAdapter {
    private final ServerStats stats;

    InputCounter(ServerStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            stats.netInputBytes.add(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }
}
