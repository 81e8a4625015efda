import unittest

from support import ServerTestCase


class JsonTest(ServerTestCase):
    requires = ("json.set", "json.get")

    def test_set_and_get_python_objects(self) -> None:
        c = self.client
        doc = {"name": "disk", "tags": ["a", "b"], "n": 1, "ok": True, "none": None}
        self.assertTrue(c.json_set("doc", "$", doc))
        self.assertEqual(c.json_get("doc"), doc)
        self.assertEqual(c.json_get("doc", "$.name"), ["disk"])
        self.assertEqual(c.json_get("doc", "$.n", "$.ok"), {"$.n": [1], "$.ok": [True]})
        self.assertIsNone(c.json_get("missing"))

    def test_nx_xx(self) -> None:
        c = self.client
        self.assertIsNone(c.json_set("doc", "$", {"a": 1}, xx=True))
        self.assertTrue(c.json_set("doc", "$", {"a": 1}, nx=True))
        self.assertIsNone(c.json_set("doc", "$", {"a": 2}, nx=True))
        self.assertTrue(c.json_set("doc", "$.a", 3, xx=True))
        self.assertEqual(c.json_get("doc"), {"a": 3})

    def test_del_type_mget(self) -> None:
        self.require("json.del", "json.type", "json.mget")
        c = self.client
        c.json_set("d1", "$", {"a": 1, "b": [1]})
        c.json_set("d2", "$", {"a": "x"})
        self.assertEqual(c.json_type("d1", "$.b"), [b"array"])
        self.assertEqual(c.json_mget(["d1", "d2", "nope"], "$.a"), [[1], ["x"], None])
        self.assertEqual(c.json_del("d1", "$.a"), 1)
        self.assertEqual(c.json_get("d1"), {"b": [1]})
        self.assertEqual(c.json_del("d2"), 1)
        self.assertIsNone(c.json_get("d2"))

    def test_arrappend_numincrby(self) -> None:
        self.require("json.arrappend", "json.numincrby")
        c = self.client
        c.json_set("d", "$", {"arr": [1], "n": 1})
        self.assertEqual(c.json_arrappend("d", "$.arr", 2, {"x": 3}), [3])
        self.assertEqual(c.json_get("d", "$.arr"), [[1, 2, {"x": 3}]])
        self.assertEqual(c.json_numincrby("d", "$.n", 2), [3])
        self.assertEqual(c.json_numincrby("d", "$.n", 0.5), [3.5])


if __name__ == "__main__":
    unittest.main()
