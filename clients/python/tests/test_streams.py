import unittest

from support import ServerTestCase, later, make_client


class StreamsTest(ServerTestCase):
    requires = ("xadd", "xrange", "xlen")

    def test_add_and_range(self) -> None:
        c = self.client
        self.assertEqual(c.xadd("s", {"f": "v"}, id="1-1"), b"1-1")
        second = c.xadd("s", {"a": 1, "b": 2})
        self.assertEqual(c.xlen("s"), 2)
        self.assertEqual(c.xrange("s"), [(b"1-1", {b"f": b"v"}), (second, {b"a": b"1", b"b": b"2"})])
        self.assertEqual(c.xrange("s", "-", "+", count=1), [(b"1-1", {b"f": b"v"})])
        self.assertEqual(c.xrevrange("s", count=1), [(second, {b"a": b"1", b"b": b"2"})])
        self.assertEqual(c.xrange("missing"), [])

    def test_trimming_and_deleting(self) -> None:
        self.require("xdel", "xtrim")
        c = self.client
        for i in range(1, 11):
            c.xadd("s", {"i": i}, id="%d-0" % i)
        c.xadd("s", {"i": 11}, id="11-0", maxlen=8, approximate=False)
        self.assertEqual(c.xlen("s"), 8)
        self.assertEqual(c.xdel("s", "4-0", "99-0"), 1)
        self.assertEqual(c.xtrim("s", maxlen=5, approximate=False), 2)
        self.assertEqual([entry_id for entry_id, _ in c.xrange("s")], [b"7-0", b"8-0", b"9-0", b"10-0", b"11-0"])
        self.assertEqual(c.xtrim("s", minid="10-0", approximate=False), 3)

    def test_xread(self) -> None:
        self.require("xread")
        c = self.client
        c.xadd("a", {"k": "1"}, id="1-0")
        c.xadd("b", {"k": "2"}, id="2-0")
        self.assertEqual(c.xread({"a": "0", "b": "0"}),
                         {b"a": [(b"1-0", {b"k": b"1"})], b"b": [(b"2-0", {b"k": b"2"})]})
        self.assertEqual(c.xread({"a": "1-0"}), {})
        self.assertEqual(c.xread({"a": "$"}, block=50), {})

    def test_xread_blocks_until_an_entry_arrives(self) -> None:
        self.require("xread")
        adder = later(0.2, lambda other: other.xadd("s", {"x": "y"}, id="5-0"))
        try:
            with make_client(socket_timeout=0.1) as c:
                self.assertEqual(c.xread({"s": "0"}, block=5000), {b"s": [(b"5-0", {b"x": b"y"})]})
        finally:
            adder.join()


class ConsumerGroupsTest(ServerTestCase):
    requires = ("xadd", "xgroup|create", "xreadgroup", "xack", "xpending")

    def test_group_life_cycle(self) -> None:
        c = self.client
        self.assertTrue(c.xgroup_create("s", "g", id="0", mkstream=True))
        c.xadd("s", {"n": 1}, id="1-0")
        c.xadd("s", {"n": 2}, id="2-0")
        got = c.xreadgroup("g", "alice", {"s": ">"}, count=1)
        self.assertEqual(got, {b"s": [(b"1-0", {b"n": b"1"})]})
        self.assertEqual(c.xreadgroup("g", "bob", {"s": ">"}), {b"s": [(b"2-0", {b"n": b"2"})]})
        summary = c.xpending("s", "g")
        self.assertEqual(summary["pending"], 2)
        self.assertEqual((summary["min"], summary["max"]), (b"1-0", b"2-0"))
        self.assertEqual(sorted((x["name"], x["pending"]) for x in summary["consumers"]),
                         [(b"alice", 1), (b"bob", 1)])
        details = c.xpending_range("s", "g", "-", "+", 10, consumername="alice")
        self.assertEqual([(d["message_id"], d["consumer"], d["times_delivered"]) for d in details],
                         [(b"1-0", b"alice", 1)])
        self.assertEqual(c.xack("s", "g", "1-0", "9-0"), 1)
        self.assertEqual(c.xpending("s", "g")["pending"], 1)
        # re-reading the consumer's own history (id 0) returns what it has not acknowledged
        self.assertEqual(c.xreadgroup("g", "bob", {"s": "0"}), {b"s": [(b"2-0", {b"n": b"2"})]})
        self.assertEqual(c.xgroup_destroy("s", "g"), 1)
        self.assertEqual(c.xgroup_destroy("s", "g"), 0)

    def test_claiming(self) -> None:
        self.require("xclaim", "xautoclaim")
        c = self.client
        c.xgroup_create("s", "g", id="0", mkstream=True)
        for i in range(1, 4):
            c.xadd("s", {"n": i}, id="%d-0" % i)
        c.xreadgroup("g", "alice", {"s": ">"})
        self.assertEqual(c.xclaim("s", "g", "bob", 0, ["1-0"]), [(b"1-0", {b"n": b"1"})])
        self.assertEqual(c.xclaim("s", "g", "bob", 0, ["2-0"], justid=True), [b"2-0"])
        c.xdel("s", "3-0")
        next_id, claimed, deleted = c.xautoclaim("s", "g", "carol", 0, "0-0", count=10)
        self.assertEqual(next_id, b"0-0")
        self.assertEqual(claimed, [(b"1-0", {b"n": b"1"}), (b"2-0", {b"n": b"2"})])
        self.assertEqual(deleted, [b"3-0"])
        owners = {d["message_id"]: d["consumer"] for d in c.xpending_range("s", "g")}
        self.assertEqual(owners, {b"1-0": b"carol", b"2-0": b"carol"})


if __name__ == "__main__":
    unittest.main()
