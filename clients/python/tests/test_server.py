import unittest

from support import ServerTestCase, make_client


class ServerCommandsTest(ServerTestCase):
    def test_ping_echo(self) -> None:
        self.assertIs(self.client.ping(), True)
        self.assertEqual(self.client.ping("hi"), b"hi")
        self.assertEqual(self.client.echo("hello"), b"hello")

    def test_info_is_parsed_into_typed_values(self) -> None:
        c = self.client
        c.set("a", 1)
        info = c.info()
        self.assertIsInstance(info["redis_version"], str)
        self.assertIsInstance(info["connected_clients"], int)
        self.assertEqual(info["db0"]["keys"], 1)
        self.assertIn("used_memory", c.info("memory"))
        self.assertNotIn("used_memory", c.info("server"))

    def test_dbsize_flushdb_flushall_select(self) -> None:
        c = self.client
        c.mset({"a": 1, "b": 2})
        self.assertEqual(c.dbsize(), 2)
        with make_client(db=1) as other:
            other.set("x", 1)
            self.assertEqual(other.dbsize(), 1)
            self.assertTrue(other.flushdb())
            self.assertEqual(other.dbsize(), 0)
            other.set("x", 1)
        self.assertEqual(c.dbsize(), 2)
        self.assertTrue(c.select(1))
        self.assertEqual(c.get("x"), b"1")
        self.assertTrue(c.flushall())
        self.assertEqual(c.dbsize(), 0)
        c.select(0)
        self.assertEqual(c.dbsize(), 0)

    def test_config_get_set(self) -> None:
        c = self.client
        self.assertEqual(c.config_get("maxmemory-policy"), {"maxmemory-policy": c.config_get("maxmemory-polic?")["maxmemory-policy"]})
        before = c.config_get("maxmemory-policy")["maxmemory-policy"]
        try:
            self.assertTrue(c.config_set("maxmemory-policy", "allkeys-lru"))
            self.assertEqual(c.config_get("maxmemory-policy"), {"maxmemory-policy": "allkeys-lru"})
        finally:
            c.config_set("maxmemory-policy", before)

    def test_execute_command_runs_anything(self) -> None:
        c = self.client
        self.assertEqual(c.execute_command("SET", "k", "v"), b"OK")
        self.assertEqual(c.execute_command("GET", "k"), b"v")
        self.assertEqual(c.execute_command("EXISTS", "k", "k"), 2)


if __name__ == "__main__":
    unittest.main()
