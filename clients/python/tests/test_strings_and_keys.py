import datetime
import unittest

from support import ServerTestCase


class StringsTest(ServerTestCase):
    def test_set_and_get(self) -> None:
        c = self.client
        self.assertIs(c.set("s", "v"), True)
        self.assertEqual(c.get("s"), b"v")
        self.assertIsNone(c.get("missing"))
        self.assertEqual(c.set("s", b"\x00\xff"), True)
        self.assertEqual(c.get("s"), b"\x00\xff")

    def test_set_options(self) -> None:
        c = self.client
        self.assertIsNone(c.set("s", "v", xx=True))
        self.assertTrue(c.set("s", "v", nx=True))
        self.assertIsNone(c.set("s", "w", nx=True))
        self.assertEqual(c.set("s", "w", get=True), b"v")
        self.assertTrue(c.set("s", "x", ex=100))
        self.assertTrue(90 < c.ttl("s") <= 100)
        self.assertTrue(c.set("s", "y", keepttl=True))
        self.assertTrue(90 < c.ttl("s") <= 100)
        self.assertTrue(c.set("s", "z", px=datetime.timedelta(seconds=50)))
        self.assertTrue(40_000 < c.pttl("s") <= 50_000)

    def test_mget_mset(self) -> None:
        c = self.client
        self.assertTrue(c.mset({"a": 1, "b": "2"}))
        self.assertEqual(c.mget(["a", "b", "nope"]), [b"1", b"2", None])
        self.assertEqual(c.mget("a", "b"), [b"1", b"2"])

    def test_counters(self) -> None:
        c = self.client
        self.assertEqual(c.incr("n"), 1)
        self.assertEqual(c.incr("n", 10), 11)
        self.assertEqual(c.incrby("n", 5), 16)
        self.assertEqual(c.decr("n"), 15)
        self.assertEqual(c.decrby("n", 5), 10)
        self.assertEqual(c.incrbyfloat("n", 0.5), 10.5)
        self.assertIsInstance(c.incrbyfloat("n"), float)

    def test_ranges_and_lengths(self) -> None:
        c = self.client
        self.assertEqual(c.append("s", "Hello"), 5)
        self.assertEqual(c.append("s", " World"), 11)
        self.assertEqual(c.strlen("s"), 11)
        self.assertEqual(c.getrange("s", 0, 4), b"Hello")
        self.assertEqual(c.setrange("s", 6, "Redis"), 11)
        self.assertEqual(c.get("s"), b"Hello Redis")

    def test_getdel_getex(self) -> None:
        c = self.client
        c.set("s", "v")
        self.assertEqual(c.getex("s", ex=100), b"v")
        self.assertTrue(0 < c.ttl("s") <= 100)
        self.assertEqual(c.getex("s", persist=True), b"v")
        self.assertEqual(c.ttl("s"), -1)
        self.assertEqual(c.getdel("s"), b"v")
        self.assertIsNone(c.getdel("s"))


class KeysTest(ServerTestCase):
    def test_delete_exists_type(self) -> None:
        c = self.client
        c.mset({"a": 1, "b": 2})
        self.assertEqual(c.exists("a", "b", "a", "c"), 3)
        self.assertEqual(c.type("a"), "string")
        self.assertEqual(c.type("c"), "none")
        self.assertEqual(c.delete("a", "b", "c"), 2)
        self.assertEqual(c.exists("a"), 0)

    def test_expiry(self) -> None:
        c = self.client
        self.assertFalse(c.expire("k", 10))
        c.set("k", "v")
        self.assertTrue(c.expire("k", datetime.timedelta(seconds=100)))
        self.assertTrue(0 < c.ttl("k") <= 100)
        self.assertFalse(c.expire("k", 50, gt=True))
        self.assertTrue(c.pexpire("k", 200_000))
        self.assertTrue(100_000 < c.pttl("k") <= 200_000)
        self.assertTrue(c.persist("k"))
        self.assertFalse(c.persist("k"))
        self.assertEqual(c.ttl("k"), -1)
        self.assertEqual(c.ttl("missing"), -2)
        self.assertEqual(c.pttl("missing"), -2)

    def test_rename(self) -> None:
        c = self.client
        c.set("a", "1")
        self.assertTrue(c.rename("a", "b"))
        self.assertEqual(c.get("b"), b"1")
        self.assertFalse(c.exists("a"))

    def test_keys_and_scan_iter(self) -> None:
        c = self.client
        c.mset({"user:%d" % i: i for i in range(250)})
        c.set("other", 1)
        self.assertEqual(sorted(c.keys("user:1?")), sorted(b"user:1%d" % i for i in range(10)))
        found = list(c.scan_iter(match="user:*", count=20))
        self.assertEqual(len(set(found)), 250)
        self.assertEqual(set(c.scan_iter()), set(found) | {b"other"})


if __name__ == "__main__":
    unittest.main()
