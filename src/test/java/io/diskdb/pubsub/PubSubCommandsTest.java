package io.diskdb.pubsub;

import io.diskdb.testing.SharedServer;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.diskdb.testing.Sleep.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pub/sub commands as Redis 7.0 answers them, byte for byte, across connections. */
class PubSubCommandsTest {
    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private static Wire wire() {
        return new Wire(server.port());
    }

    private static String push3(String kind, String name, long count) {
        return "*3\r\n$" + kind.length() + "\r\n" + kind + "\r\n$" + name.length() + "\r\n" + name + "\r\n:" + count + "\r\n";
    }

    @Test
    void subscribeConfirmsEachChannelWithTheRunningCountAndPublishReachesSubscribers() {
        try (Wire sub = wire(); Wire pub = wire()) {
            sub.send("subscribe", "news", "sport", "news");
            assertEquals(List.of(push3("subscribe", "news", 1), push3("subscribe", "sport", 2),
                    push3("subscribe", "news", 2)), sub.frames(3));
            assertEquals(List.of(":1\r\n"), pub.send("publish", "news", "hello").frames(1));
            assertEquals(List.of(":0\r\n"), pub.send("publish", "weather", "rain").frames(1));
            assertEquals(List.of("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n"), sub.frames(1));
        }
    }

    @Test
    void patternsAndChannelsShareTheCountAndBothDeliver() {
        try (Wire sub = wire(); Wire pub = wire()) {
            sub.send("subscribe", "log.disk").send("psubscribe", "log.*", "l?g.disk");
            assertEquals(List.of(push3("subscribe", "log.disk", 1), push3("psubscribe", "log.*", 2),
                    push3("psubscribe", "l?g.disk", 3)), sub.frames(3));
            assertEquals(List.of(":3\r\n"), pub.send("publish", "log.disk", "full").frames(1));
            List<String> got = sub.frames(3);
            assertEquals("*3\r\n$7\r\nmessage\r\n$8\r\nlog.disk\r\n$4\r\nfull\r\n", got.get(0));
            assertTrue(got.contains("*4\r\n$8\r\npmessage\r\n$5\r\nlog.*\r\n$8\r\nlog.disk\r\n$4\r\nfull\r\n"), got.toString());
            assertTrue(got.contains("*4\r\n$8\r\npmessage\r\n$8\r\nl?g.disk\r\n$8\r\nlog.disk\r\n$4\r\nfull\r\n"), got.toString());
            sub.send("punsubscribe", "log.*", "nope");
            assertEquals(List.of(push3("punsubscribe", "log.*", 2), push3("punsubscribe", "nope", 2)), sub.frames(2));
        }
    }

    @Test
    void shardChannelsCountApartAndOnlySpublishReachesThem() {
        try (Wire sub = wire(); Wire pub = wire()) {
            sub.send("subscribe", "a").send("ssubscribe", "s1", "s2");
            assertEquals(List.of(push3("subscribe", "a", 1), push3("ssubscribe", "s1", 1), push3("ssubscribe", "s2", 2)),
                    sub.frames(3));
            assertEquals(List.of(":0\r\n"), pub.send("publish", "s1", "x").frames(1));
            assertEquals(List.of(":1\r\n"), pub.send("spublish", "s1", "y").frames(1));
            assertEquals(List.of("*3\r\n$8\r\nsmessage\r\n$2\r\ns1\r\n$1\r\ny\r\n"), sub.frames(1));
            assertEquals("*4\r\n$2\r\ns1\r\n:1\r\n$2\r\nzz\r\n:0\r\n", pub.send("pubsub", "shardnumsub", "s1", "zz").frames(1).get(0));
            assertEquals("*1\r\n$2\r\ns2\r\n", pub.send("pubsub", "shardchannels", "*2").frames(1).get(0));
            sub.send("sunsubscribe");
            assertEquals(2, sub.frames(2).size());
            assertEquals("*0\r\n", pub.send("pubsub", "shardchannels").frames(1).get(0));
        }
    }

    @Test
    void pubsubIntrospection() {
        try (Wire a = wire(); Wire b = wire(); Wire c = wire()) {
            a.send("subscribe", "x1", "x2").frames(2);
            b.send("subscribe", "x1").frames(1);
            b.send("psubscribe", "x*").frames(1);
            a.send("psubscribe", "x*", "y*").frames(2);
            assertEquals("*6\r\n$2\r\nx1\r\n:2\r\n$2\r\nx2\r\n:1\r\n$2\r\nx3\r\n:0\r\n",
                    c.send("pubsub", "numsub", "x1", "x2", "x3").frames(1).get(0));
            assertEquals(":2\r\n", c.send("pubsub", "numpat").frames(1).get(0));
            String channels = c.send("pubsub", "channels", "x*").frames(1).get(0);
            assertTrue(channels.startsWith("*2\r\n") && channels.contains("$2\r\nx1\r\n") && channels.contains("$2\r\nx2\r\n"), channels);
            assertEquals("*0\r\n", c.send("pubsub", "numsub").frames(1).get(0));
            assertEquals("-ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.\r\n",
                    c.send("pubsub", "channels", "a", "b").frames(1).get(0));
            a.close(); // a disconnect drops every subscription of the client
            assertEquals("*4\r\n$2\r\nx1\r\n:1\r\n$2\r\nx2\r\n:0\r\n", awaitReply(c, "*4\r\n$2\r\nx1\r\n:1\r\n$2\r\nx2\r\n:0\r\n",
                    "pubsub", "numsub", "x1", "x2"));
            assertEquals(":1\r\n", c.send("pubsub", "numpat").frames(1).get(0));
        }
    }

    /** Repeats a command until it replies {@code expected} (state another connection changes asynchronously). */
    private static String awaitReply(Wire wire, String expected, String... command) {
        String got = null;
        for (int i = 0; i < 100 && !expected.equals(got); i++) {
            got = wire.send(command).frames(1).get(0);
            if (!expected.equals(got)) {
                sleep(20);
            }
        }
        return got;
    }

    @Test
    void resp2SubscribersRunOnlyPubSubCommandsPingQuitAndReset() {
        try (Wire sub = wire()) {
            sub.send("subscribe", "a").frames(1);
            assertEquals("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
                    sub.send("get", "x").frames(1).get(0));
            assertEquals("-ERR Can't execute 'config|get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
                    sub.send("config", "get", "x").frames(1).get(0));
            assertEquals("*2\r\n$4\r\npong\r\n$0\r\n\r\n", sub.send("ping").frames(1).get(0));
            assertEquals("*2\r\n$4\r\npong\r\n$2\r\nhi\r\n", sub.send("ping", "hi").frames(1).get(0));
            assertEquals(push3("unsubscribe", "a", 0), sub.send("unsubscribe").frames(1).get(0));
            // no subscription left: a normal client again
            assertEquals("+PONG\r\n", sub.send("ping").frames(1).get(0));
            assertEquals("$-1\r\n", sub.send("get", "x").frames(1).get(0));
            assertEquals("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n", sub.send("unsubscribe").frames(1).get(0));
        }
    }

    @Test
    void resp3SubscribersGetPushFramesAndRunAnyCommand() {
        try (Wire sub = wire(); Wire pub = wire()) {
            sub.send("hello", "3").frames(1);
            assertEquals(">3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n", sub.send("subscribe", "c").frames(1).get(0));
            assertEquals("+OK\r\n", sub.send("set", "k", "v").frames(1).get(0));
            assertEquals("+PONG\r\n", sub.send("ping").frames(1).get(0));
            pub.send("publish", "c", "m1").frames(1);
            assertEquals(">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$2\r\nm1\r\n", sub.frames(1).get(0));
            // publishing to itself: the push comes before the PUBLISH reply, as in Redis
            assertEquals(List.of(">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$2\r\nm2\r\n", ":1\r\n"),
                    sub.send("publish", "c", "m2").frames(2));
            assertEquals(List.of("$1\r\nv\r\n", ">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$2\r\nm3\r\n", ":1\r\n"),
                    sub.send("get", "k").send("publish", "c", "m3").frames(3));
        }
    }

    @Test
    void messagesFromOnePublisherArriveInPublishOrder() throws Exception {
        int count = 2000;
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread listener = new Thread(() -> {
            try (Jedis jedis = server.jedis()) {
                jedis.subscribe(new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int subscribedChannels) {
                        subscribed.countDown();
                    }

                    @Override
                    public void onMessage(String channel, String message) {
                        received.add(message);
                        if (received.size() == count) {
                            done.countDown();
                            unsubscribe();
                        }
                    }
                }, "ordered");
            }
        });
        listener.start();
        assertTrue(subscribed.await(10, TimeUnit.SECONDS));
        try (Jedis publisher = server.jedis()) {
            var pipeline = publisher.pipelined();
            for (int i = 0; i < count; i++) {
                pipeline.publish("ordered", Integer.toString(i));
            }
            pipeline.sync();
        }
        assertTrue(done.await(20, TimeUnit.SECONDS));
        listener.join(10_000);
        for (int i = 0; i < count; i++) {
            assertEquals(Integer.toString(i), received.get(i));
        }
    }

    @Test
    void resetDropsSubscriptionsTransactionNameAndProtocol() {
        try (Wire client = wire(); Wire other = wire()) {
            client.send("hello", "3").frames(1);
            client.send("client", "setname", "before").frames(1);
            client.send("select", "3").frames(1);
            client.send("subscribe", "r1").send("psubscribe", "r*").frames(2);
            client.send("multi").frames(1);
            assertEquals("+RESET\r\n", client.send("reset").frames(1).get(0));
            assertEquals("$-1\r\n", client.send("client", "getname").frames(1).get(0)); // RESP2 null again
            assertEquals("-ERR EXEC without MULTI\r\n", client.send("exec").frames(1).get(0));
            assertEquals(":0\r\n", other.send("publish", "r1", "x").frames(1).get(0));
            assertEquals("*0\r\n", other.send("pubsub", "channels").frames(1).get(0));
            client.send("set", "db0key", "v").frames(1);
            assertEquals(":1\r\n", other.send("exists", "db0key").frames(1).get(0)); // back in database 0
        }
    }

    @Test
    void resetAsksForAuthAgainWhenAPasswordIsSet() {
        try (TestServer secured = TestServer.start(s -> s.setRequirepass("secret")); Wire client = new Wire(secured.port())) {
            assertEquals("+OK\r\n", client.send("auth", "secret").frames(1).get(0));
            assertEquals("+RESET\r\n", client.send("reset").frames(1).get(0));
            assertEquals("-NOAUTH Authentication required.\r\n", client.send("get", "x").frames(1).get(0));
        }
    }
}
