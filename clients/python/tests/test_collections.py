import unittest

from support import ServerTestCase, later, make_client


class ListsTest(ServerTestCase):
    requires = ("lpush", "rpush", "lrange")

    def test_push_pop_range(self) -> None:
        c = self.client
        self.assertEqual(c.rpush("l", "a", "b", "c"), 3)
        self.assertEqual(c.lpush("l", "z"), 4)
        self.assertEqual(c.lrange("l", 0, -1), [b"z", b"a", b"b", b"c"])
        self.assertEqual(c.llen("l"), 4)
        self.assertEqual(c.lindex("l", -1), b"c")
        self.assertEqual(c.lpop("l"), b"z")
        self.assertEqual(c.rpop("l"), b"c")
        self.assertEqual(c.rpush("l", "x", "y"), 4)
        self.assertEqual(c.lpop("l", 2), [b"a", b"b"])
        self.assertEqual(c.rpop("l", 5), [b"y", b"x"])
        self.assertIsNone(c.lpop("l"))
        self.assertIsNone(c.lpop("l", 2))

    def test_set_remove_trim(self) -> None:
        c = self.client
        c.rpush("l", "a", "b", "a", "c", "a")
        self.assertTrue(c.lset("l", 1, "B"))
        self.assertEqual(c.lrem("l", 2, "a"), 2)
        self.assertEqual(c.lrange("l", 0, -1), [b"B", b"c", b"a"])
        self.assertTrue(c.ltrim("l", 0, 1))
        self.assertEqual(c.lrange("l", 0, -1), [b"B", b"c"])

    def test_lmove(self) -> None:
        self.require("lmove")
        c = self.client
        c.rpush("src", "1", "2")
        self.assertEqual(c.lmove("src", "dst", "LEFT", "RIGHT"), b"1")
        self.assertEqual(c.lmove("src", "dst", "RIGHT", "LEFT"), b"2")
        self.assertEqual(c.lrange("dst", 0, -1), [b"2", b"1"])
        self.assertIsNone(c.lmove("src", "dst"))

    def test_blocking_pops_return_at_once_when_data_is_there(self) -> None:
        self.require("blpop", "brpop")
        c = self.client
        c.rpush("l2", "a", "b")
        self.assertEqual(c.blpop(["l1", "l2"], timeout=1), (b"l2", b"a"))
        self.assertEqual(c.brpop("l2", timeout=1), (b"l2", b"b"))

    def test_blocking_pop_times_out_with_none(self) -> None:
        self.require("blpop")
        with make_client(socket_timeout=0.05) as c:
            # timeout longer than the socket timeout: the client must wait for the server
            self.assertIsNone(c.blpop("empty", timeout=0.3))

    def test_blocking_pop_wakes_up_on_push(self) -> None:
        self.require("blpop", "blmove")
        pusher = later(0.2, lambda other: other.rpush("later", "v"))
        try:
            with make_client() as c:
                self.assertEqual(c.blpop("later", timeout=5), (b"later", b"v"))
        finally:
            pusher.join()
        pusher = later(0.2, lambda other: other.rpush("src", "w"))
        try:
            with make_client() as c:
                self.assertEqual(c.blmove("src", "dst", 5, "RIGHT", "LEFT"), b"w")
                self.assertEqual(c.lrange("dst", 0, -1), [b"w"])
        finally:
            pusher.join()


class SetsTest(ServerTestCase):
    requires = ("sadd", "smembers")

    def test_members(self) -> None:
        c = self.client
        self.assertEqual(c.sadd("s", "a", "b", "c", "a"), 3)
        self.assertEqual(c.smembers("s"), {b"a", b"b", b"c"})
        self.assertEqual(c.smembers("nope"), set())
        self.assertTrue(c.sismember("s", "a"))
        self.assertFalse(c.sismember("s", "z"))
        self.assertEqual(c.srem("s", "a", "z"), 1)
        self.assertEqual(c.scard("s"), 2)

    def test_algebra(self) -> None:
        c = self.client
        c.sadd("x", "1", "2", "3")
        c.sadd("y", "2", "3", "4")
        self.assertEqual(c.sinter("x", "y"), {b"2", b"3"})
        self.assertEqual(c.sunion(["x", "y"]), {b"1", b"2", b"3", b"4"})
        self.assertEqual(c.sdiff("x", "y"), {b"1"})


class HashesTest(ServerTestCase):
    requires = ("hset", "hgetall")

    def test_fields(self) -> None:
        c = self.client
        self.assertEqual(c.hset("h", "f", "v"), 1)
        self.assertEqual(c.hset("h", mapping={"a": 1, "b": 2, "f": "w"}), 2)
        self.assertEqual(c.hget("h", "f"), b"w")
        self.assertIsNone(c.hget("h", "nope"))
        self.assertEqual(c.hmget("h", ["a", "nope", "b"]), [b"1", None, b"2"])
        self.assertEqual(c.hgetall("h"), {b"f": b"w", b"a": b"1", b"b": b"2"})
        self.assertEqual(c.hgetall("nope"), {})
        self.assertEqual(sorted(c.hkeys("h")), [b"a", b"b", b"f"])
        self.assertEqual(sorted(c.hvals("h")), [b"1", b"2", b"w"])
        self.assertEqual(c.hlen("h"), 3)
        self.assertTrue(c.hexists("h", "a"))
        self.assertFalse(c.hexists("h", "z"))
        self.assertEqual(c.hdel("h", "a", "z"), 1)

    def test_counters(self) -> None:
        c = self.client
        self.assertEqual(c.hincrby("h", "n"), 1)
        self.assertEqual(c.hincrby("h", "n", 41), 42)
        self.assertEqual(c.hincrbyfloat("h", "f", 1.25), 1.25)


class SortedSetsTest(ServerTestCase):
    requires = ("zadd", "zrange")

    def test_add_and_range(self) -> None:
        c = self.client
        self.assertEqual(c.zadd("z", {"a": 1, "b": 2, "c": 3.5}), 3)
        self.assertEqual(c.zrange("z", 0, -1), [b"a", b"b", b"c"])
        self.assertEqual(c.zrange("z", 0, -1, withscores=True), [(b"a", 1.0), (b"b", 2.0), (b"c", 3.5)])
        self.assertEqual(c.zrange("z", 0, 0, desc=True, withscores=True), [(b"c", 3.5)])
        self.assertEqual(c.zrange("z", 2, "+inf", byscore=True), [b"b", b"c"])
        self.assertEqual(c.zrange("z", "-inf", "+inf", byscore=True, offset=1, count=1), [b"b"])
        self.assertEqual(c.zrange("z", "[b", "+", bylex=True), [b"b", b"c"])

    def test_add_options(self) -> None:
        c = self.client
        c.zadd("z", {"a": 1})
        self.assertEqual(c.zadd("z", {"a": 5, "b": 1}, nx=True), 1)
        self.assertEqual(c.zscore("z", "a"), 1.0)
        self.assertEqual(c.zadd("z", {"a": 5, "c": 1}, xx=True, ch=True), 1)
        self.assertEqual(c.zadd("z", {"a": 2}, gt=True, ch=True), 0)
        self.assertEqual(c.zadd("z", {"a": 2}, incr=True), 7.0)
        self.assertIsNone(c.zadd("z", {"a": 1}, incr=True, nx=True))

    def test_scores_ranks_counts(self) -> None:
        c = self.client
        c.zadd("z", {"a": 1, "b": 2, "c": 3})
        self.assertIsInstance(c.zscore("z", "a"), float)
        self.assertIsNone(c.zscore("z", "nope"))
        self.assertEqual(c.zincrby("z", 2.5, "a"), 3.5)
        self.assertEqual(c.zrank("z", "a"), 2)
        self.assertIsNone(c.zrank("z", "nope"))
        self.assertEqual(c.zcard("z"), 3)
        self.assertEqual(c.zcount("z", 2, "(3.5"), 2)
        self.assertEqual(c.zrem("z", "b", "nope"), 1)

    def test_pops(self) -> None:
        c = self.client
        c.zadd("z", {"a": 1, "b": 2, "c": 3, "d": 4})
        self.assertEqual(c.zpopmin("z"), [(b"a", 1.0)])
        self.assertEqual(c.zpopmax("z", 2), [(b"d", 4.0), (b"c", 3.0)])
        self.assertEqual(c.zpopmin("z", 5), [(b"b", 2.0)])
        self.assertEqual(c.zpopmin("z"), [])


if __name__ == "__main__":
    unittest.main()
