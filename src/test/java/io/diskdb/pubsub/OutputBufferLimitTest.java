package io.diskdb.pubsub;

import io.diskdb.testing.TestServer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.diskdb.testing.Sleep.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * client-output-buffer-limit: a subscriber that stops reading while a publisher floods is
 * disconnected once its queued output passes the limit, so the server's buffers stay bounded,
 * and nobody else notices.
 */
class OutputBufferLimitTest {
    private static final int MESSAGE = 64 * 1024;

    @Test
    void aSubscriberThatNeverReadsIsDisconnectedAtTheHardLimitWithMemoryBounded() throws Exception {
        try (TestServer server = TestServer.start(s -> s.setClientOutputBufferLimit(
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 4194304 2097152 60"));
             Wire stalled = new Wire(server.port());
             Jedis publisher = server.jedis();
             Jedis bystander = server.jedis()) {
            stalled.send("subscribe", "flood").frames(1); // and never reads again
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (flooding.get()) {
                    peak.accumulateAndGet(bufferMemory(), Math::max);
                    sleep(5);
                }
            });
            long before = bufferMemory();
            sampler.start();
            String payload = "x".repeat(MESSAGE);
            long delivered = 0;
            // 256 MB offered: without the limit all of it would queue for the stalled subscriber
            for (int round = 0; round < 64; round++) {
                Pipeline pipeline = publisher.pipelined();
                var replies = new java.util.ArrayList<redis.clients.jedis.Response<Long>>();
                for (int i = 0; i < 64; i++) {
                    replies.add(pipeline.publish("flood", payload));
                }
                pipeline.sync();
                for (var reply : replies) {
                    delivered += reply.get();
                }
            }
            flooding.set(false);
            sampler.join();
            assertTrue(stalled.closedByServer(), "the stalled subscriber was not disconnected");
            assertTrue(delivered < 64 * 64, "every message was queued: " + delivered);
            long growth = peak.get() - before;
            assertTrue(growth < 48L << 20, "server buffers grew by " + (growth >> 20) + " MB");
            assertEquals("PONG", bystander.ping());
            assertEquals(0L, publisher.publish("flood", "after"));
        }
    }

    @Test
    void aSubscriberOverTheSoftLimitForLongerThanItsSecondsIsDisconnected() {
        try (TestServer server = TestServer.start(s -> s.setClientOutputBufferLimit(
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 0 1048576 1"));
             Wire stalled = new Wire(server.port());
             Jedis publisher = server.jedis()) {
            stalled.send("subscribe", "slow").frames(1);
            String payload = "y".repeat(MESSAGE);
            long start = System.currentTimeMillis();
            long firstRefused = -1;
            while (System.currentTimeMillis() - start < 15_000) {
                if (publisher.publish("slow", payload) == 0) {
                    firstRefused = System.currentTimeMillis() - start;
                    break;
                }
                sleep(2);
            }
            assertTrue(firstRefused >= 1000, "disconnected after " + firstRefused + " ms, before its soft seconds");
            assertTrue(stalled.closedByServer());
        }
    }

    @Test
    void normalClientsWithoutALimitKeepBackPressureInsteadOfBeingDisconnected() {
        try (TestServer server = TestServer.start(); Jedis writer = server.jedis(); Wire slowReader = new Wire(server.port())) {
            writer.set("big", "z".repeat(1 << 20));
            for (int i = 0; i < 64; i++) {
                slowReader.send("get", "big"); // 64 MB of replies it does not read yet
            }
            sleep(300);
            String all = slowReader.read(64 * ((1 << 20) + 11), 20_000);
            assertEquals(64, Wire.split(all).size());
        }
    }

    /** Bytes held by the allocator every connection's buffers come from. */
    private static long bufferMemory() {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        if (alloc instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric metric = provider.metric();
            return metric.usedDirectMemory() + metric.usedHeapMemory();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
