package io.diskdb.pubsub;

import io.diskdb.protocol.ReplyWriter;
import io.diskdb.server.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One published message encoded once per protocol (RESP2 array, RESP3 push frame) and shared
 * by every subscriber that speaks it: each gets a retained duplicate, so a message to N
 * subscribers is encoded at most twice. {@link #release()} drops the encodings afterwards.
 */
final class MessageFrame {
    private final SubscriptionKind kind;
    private final byte[] pattern; // null unless a pattern matched
    private final byte[] channel;
    private final byte[] payload;
    private final ByteBuf[] byProtocol = new ByteBuf[4];

    MessageFrame(SubscriptionKind kind, byte[] pattern, byte[] channel, byte[] payload) {
        this.kind = kind;
        this.pattern = pattern;
        this.channel = channel;
        this.payload = payload;
    }

    /** The frame for this subscriber's protocol; the caller owns the returned reference. */
    ByteBuf frameFor(ClientSession subscriber) {
        int protocol = subscriber.protocol();
        ByteBuf frame = byProtocol[protocol];
        if (frame == null) {
            frame = encode(protocol, ByteBufAllocator.DEFAULT);
            byProtocol[protocol] = frame;
        }
        return frame.retainedDuplicate();
    }

    private ByteBuf encode(int protocol, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(32 + channel.length + payload.length + (pattern == null ? 0 : pattern.length));
        ReplyWriter writer = new ReplyWriter(out);
        writer.protocol(protocol);
        writer.pushHeader(pattern == null ? 3 : 4);
        writer.bulk(kind.messageWord);
        if (pattern != null) {
            writer.bulk(pattern);
        }
        writer.bulk(channel);
        writer.bulk(payload);
        return out;
    }

    void release() {
        for (ByteBuf frame : byProtocol) {
            if (frame != null) {
                frame.release();
            }
        }
    }
}
