#!/usr/bin/env python3
"""The interoperability scenario (../SCENARIO.md) through redis-py.

    DISKDB_PORT=6380 python3 scenario.py [--resp3]
"""
import json
import os
import random
import sys
import threading
import time

import redis

HOST = os.environ.get("DISKDB_HOST", "127.0.0.1")
PORT = int(os.environ.get("DISKDB_PORT", "6380"))
PASSWORD = os.environ.get("DISKDB_PASSWORD") or None
RESP3 = "--resp3" in sys.argv[1:]
CLIENT = "redis-py" + (" resp3" if RESP3 else "")
PREFIX = "it:python:%d:" % random.randrange(1 << 30)


def connect():
    options = dict(host=HOST, port=PORT, password=PASSWORD, decode_responses=True, socket_timeout=10)
    if RESP3:
        options["protocol"] = 3
    return redis.Redis(**options)


class Scenario:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.keys = set()
        self.r = connect()

    def key(self, name):
        k = PREFIX + name
        self.keys.add(k)
        return k

    def check(self, part, what, got, want):
        if got == want:
            self.passed += 1
            print("PASS %s: %s" % (part, what))
        else:
            self.failed += 1
            print("FAIL %s: %s: got %r, want %r" % (part, what, got, want))

    def missing_commands(self, commands):
        # Raw COMMAND INFO: redis-py's COMMAND reply parser does not expect nil entries.
        conn = self.r.connection_pool.get_connection("COMMAND")
        try:
            conn.send_command("COMMAND", "INFO", *commands)
            infos = conn.read_response()
        finally:
            self.r.connection_pool.release(conn)
        return [c for c, info in zip(commands, infos) if info is None]

    def part(self, name, commands, body):
        missing = self.missing_commands(commands)
        if missing:
            self.skipped += 1
            print("SKIP %s: server lacks %s" % (name, ", ".join(c.upper() for c in missing)))
            return
        try:
            body(name)
        except Exception as e:  # one broken part must not hide the others
            self.failed += 1
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))

    # --- the parts ---------------------------------------------------------------------------

    def strings(self, part):
        r, k, gone = self.r, self.key("greeting"), self.key("short")
        self.check(part, "SET EX", r.set(k, "hello", ex=100), True)
        self.check(part, "GET", r.get(k), "hello")
        self.check(part, "TTL within 1..100", 0 < r.ttl(k) <= 100, True)
        self.check(part, "SET NX on an existing key", r.set(k, "other", nx=True), None)
        self.check(part, "SET PX", r.set(gone, "brief", px=200), True)
        time.sleep(0.4)
        self.check(part, "key gone after its PX", r.get(gone), None)

    def counter(self, part):
        r, k = self.r, self.key("counter")
        self.check(part, "INCR x3", [r.incr(k), r.incr(k), r.incr(k)], [1, 2, 3])
        self.check(part, "INCRBY 10", r.incrby(k, 10), 13)
        self.check(part, "DECR", r.decr(k), 12)
        self.check(part, "GET", r.get(k), "12")

    def queue(self, part):
        r, q = self.r, self.key("queue")
        self.check(part, "LPUSH 3 tasks", r.lpush(q, "t1", "t2", "t3"), 3)
        popped = [r.brpop(q, 1) for _ in range(3)]
        self.check(part, "BRPOP x3 in FIFO order", popped, [(q, "t1"), (q, "t2"), (q, "t3")])
        start = time.monotonic()
        self.check(part, "BRPOP on an empty list times out with nil", r.brpop(q, 1), None)
        self.check(part, "BRPOP waited its timeout", time.monotonic() - start >= 0.9, True)
        waiter, result = connect(), []
        thread = threading.Thread(target=lambda: result.append(waiter.brpop(q, 5)))
        thread.start()
        time.sleep(0.2)
        r.lpush(q, "urgent")
        thread.join(10)
        waiter.close()
        self.check(part, "a blocked BRPOP is woken by LPUSH", result, [(q, "urgent")])

    def sets(self, part):
        r, s, t = self.r, self.key("tags"), self.key("other-tags")
        self.check(part, "SADD 3", r.sadd(s, "a", "b", "c"), 3)
        self.check(part, "SADD an existing member", r.sadd(s, "a"), 0)
        self.check(part, "SISMEMBER", r.sismember(s, "b"), True)
        self.check(part, "SMEMBERS", sorted(r.smembers(s)), ["a", "b", "c"])
        self.check(part, "SREM", r.srem(s, "a"), 1)
        self.check(part, "SCARD", r.scard(s), 2)
        r.sadd(t, "c", "d")
        self.check(part, "SINTER", sorted(r.sinter(s, t)), ["c"])

    def hash(self, part):
        r, h = self.r, self.key("user")
        self.check(part, "HSET 3 fields", r.hset(h, mapping={"name": "Ada", "lang": "Java", "visits": "1"}), 3)
        self.check(part, "HGET", r.hget(h, "name"), "Ada")
        self.check(part, "HINCRBY", r.hincrby(h, "visits", 5), 6)
        self.check(part, "HGETALL", r.hgetall(h), {"name": "Ada", "lang": "Java", "visits": "6"})
        self.check(part, "HDEL", r.hdel(h, "lang"), 1)
        self.check(part, "HLEN", r.hlen(h), 2)

    def leaderboard(self, part):
        r, z = self.r, self.key("leaderboard")
        self.check(part, "ZADD 3", r.zadd(z, {"alice": 100, "bob": 250, "carol": 175}), 3)
        self.check(part, "ZINCRBY", r.zincrby(z, 100, "alice"), 200.0)
        self.check(part, "ZRANGE WITHSCORES", r.zrange(z, 0, -1, withscores=True),
                   [("carol", 175.0), ("alice", 200.0), ("bob", 250.0)])
        self.check(part, "ZREVRANGE top 1", r.zrevrange(z, 0, 0), ["bob"])
        self.check(part, "ZRANK", r.zrank(z, "alice"), 1)
        self.check(part, "ZSCORE", r.zscore(z, "carol"), 175.0)

    def json_document(self, part):
        r, d = self.r, self.key("doc")
        doc = {"name": "widget", "tags": ["a", "b"], "price": 9.5, "stock": {"count": 3}}
        # Raw commands: the JSON reply texts are compared parsed, independent of spacing.
        self.check(part, "JSON.SET $", r.execute_command("JSON.SET", d, "$", json.dumps(doc)), "OK")
        self.check(part, "JSON.GET $.name", json.loads(r.execute_command("JSON.GET", d, "$.name")), ["widget"])
        self.check(part, "JSON.GET $.stock.count", json.loads(r.execute_command("JSON.GET", d, "$.stock.count")), [3])
        self.check(part, "JSON.NUMINCRBY", json.loads(r.execute_command("JSON.NUMINCRBY", d, "$.stock.count", 2)), [5])
        self.check(part, "JSON.ARRAPPEND", r.execute_command("JSON.ARRAPPEND", d, "$.tags", '"c"'), [3])
        self.check(part, "JSON.GET $.tags", json.loads(r.execute_command("JSON.GET", d, "$.tags")), [["a", "b", "c"]])

    def stream(self, part):
        r, s = self.r, self.key("events")
        first = r.xadd(s, {"sensor": "1", "temp": "20"})
        second = r.xadd(s, {"sensor": "2", "temp": "21"})
        ms_seq = lambda i: tuple(int(n) for n in i.split("-"))
        self.check(part, "XADD ids are ms-seq and increasing", ms_seq(first) < ms_seq(second), True)
        self.check(part, "XLEN", r.xlen(s), 2)
        self.check(part, "XRANGE - +", r.xrange(s, "-", "+"),
                   [(first, {"sensor": "1", "temp": "20"}), (second, {"sensor": "2", "temp": "21"})])
        self.check(part, "XRANGE COUNT 1", [e[0] for e in r.xrange(s, "-", "+", count=1)], [first])

    def transaction(self, part):
        r, a, b = self.r, self.key("account:a"), self.key("account:b")
        r.set(a, 100)
        r.set(b, 50)
        pipe = r.pipeline(transaction=True)
        pipe.decrby(a, 30).incrby(b, 30)
        self.check(part, "MULTI DECRBY INCRBY EXEC", pipe.execute(), [70, 80])
        self.check(part, "balances after the transfer", r.mget(a, b), ["70", "80"])
        other = connect()
        with r.pipeline() as pipe:
            pipe.watch(a)
            other.set(a, 1000)
            pipe.multi()
            pipe.decrby(a, 30).incrby(b, 30)
            try:
                pipe.execute()
                aborted = False
            except redis.WatchError:
                aborted = True
        other.close()
        self.check(part, "EXEC after a watched key changed returns nil", aborted, True)
        self.check(part, "nothing applied by the aborted EXEC", r.mget(a, b), ["1000", "80"])

    def pubsub(self, part):
        r, channel = self.r, self.key("news")
        p = r.pubsub()
        p.subscribe(channel)
        confirmation = p.get_message(timeout=5)
        self.check(part, "SUBSCRIBE confirmed", (confirmation or {}).get("type"), "subscribe")
        self.check(part, "PUBLISH reaches 1 subscriber", r.publish(channel, "hello"), 1)
        message = p.get_message(timeout=5) or {}
        self.check(part, "message received", (message.get("type"), message.get("channel"), message.get("data")),
                   ("message", channel, "hello"))
        p.close()

    def run(self):
        print("%s %s against %s:%d" % (CLIENT, redis.__version__, HOST, PORT))
        self.part("strings", ["set", "get", "ttl"], self.strings)
        self.part("counter", ["incr", "incrby", "decr"], self.counter)
        self.part("queue", ["lpush", "brpop"], self.queue)
        self.part("sets", ["sadd", "sismember", "smembers", "srem", "scard", "sinter"], self.sets)
        self.part("hash", ["hset", "hget", "hincrby", "hgetall", "hdel", "hlen"], self.hash)
        self.part("leaderboard", ["zadd", "zincrby", "zrange", "zrevrange", "zrank", "zscore"], self.leaderboard)
        self.part("json", ["json.set", "json.get", "json.numincrby", "json.arrappend"], self.json_document)
        self.part("stream", ["xadd", "xlen", "xrange"], self.stream)
        self.part("transaction", ["multi", "exec", "watch", "mget"], self.transaction)
        self.part("pubsub", ["subscribe", "publish"], self.pubsub)
        if self.keys:
            self.r.delete(*self.keys)
        print("%d passed, %d failed, %d skipped" % (self.passed, self.failed, self.skipped))
        return 1 if self.failed else 0


if __name__ == "__main__":
    if RESP3 and int(redis.__version__.split(".")[0]) < 5:
        print("redis-py %s has no RESP3 (protocol=3 needs 5.0+)" % redis.__version__)
        sys.exit(3)
    sys.exit(Scenario().run())
