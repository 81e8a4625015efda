import math
import unittest

from support import ServerTestCase, make_client


class DecodeResponsesTest(ServerTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.text = make_client(decode_responses=True)

    def tearDown(self) -> None:
        self.text.close()
        super().tearDown()

    def test_strings_come_back_as_str(self) -> None:
        t = self.text
        t.set("k", "héllo")
        self.assertEqual(t.get("k"), "héllo")
        self.assertEqual(t.mget("k", "nope"), ["héllo", None])
        self.assertEqual(t.keys("*"), ["k"])
        self.assertEqual(t.execute_command("SET", "x", "1"), "OK")
        self.assertEqual(self.client.get("k"), "héllo".encode())

    def test_collections_decode_too(self) -> None:
        self.require("hset", "sadd")
        t = self.text
        t.hset("h", mapping={"f": "v"})
        t.sadd("s", "a")
        self.assertEqual(t.hgetall("h"), {"f": "v"})
        self.assertEqual(t.smembers("s"), {"a"})


class Resp3Test(ServerTestCase):
    requires = ("hello",)

    def setUp(self) -> None:
        super().setUp()
        self.resp3 = make_client(protocol=3)

    def tearDown(self) -> None:
        self.resp3.close()
        super().tearDown()

    def test_handshake_and_maps(self) -> None:
        r = self.resp3
        self.assertTrue(r.ping())
        self.assertEqual(r.execute_command("CONFIG", "GET", "maxmemory-policy"),
                         {b"maxmemory-policy": r.config_get("maxmemory-policy")["maxmemory-policy"].encode()})
        hello = r.execute_command("HELLO", 3)
        self.assertIsInstance(hello, dict)
        self.assertEqual(hello[b"proto"], 3)

    def test_nulls_and_strings(self) -> None:
        r = self.resp3
        self.assertIsNone(r.get("nope"))
        self.assertTrue(r.set("k", "v"))
        self.assertEqual(r.get("k"), b"v")
        self.assertEqual(r.incrbyfloat("n", 1.5), 1.5)
        self.assertIn("redis_version", r.info())

    def test_typed_methods_return_the_same_shapes_as_resp2(self) -> None:
        self.require("hset", "sadd", "zadd")
        r = self.resp3
        r.hset("h", mapping={"a": 1})
        r.sadd("s", "x", "y")
        r.zadd("z", {"m": 1.5, "n": float("inf")})
        self.assertEqual(r.hgetall("h"), {b"a": b"1"})
        self.assertEqual(r.execute_command("HGETALL", "h"), {b"a": b"1"})
        self.assertEqual(r.smembers("s"), {b"x", b"y"})
        self.assertEqual(r.zscore("z", "m"), 1.5)
        self.assertTrue(math.isinf(r.zscore("z", "n")))
        self.assertEqual(r.zrange("z", 0, -1, withscores=True), [(b"m", 1.5), (b"n", float("inf"))])
        self.assertEqual(r.zpopmin("z"), [(b"m", 1.5)])

    def test_stream_reads_are_maps(self) -> None:
        self.require("xadd", "xread")
        r = self.resp3
        r.xadd("s", {"f": "v"}, id="1-0")
        self.assertEqual(r.xread({"s": "0"}), {b"s": [(b"1-0", {b"f": b"v"})]})


if __name__ == "__main__":
    unittest.main()
