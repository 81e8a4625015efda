import unittest
from typing import Any, Dict, List, Optional

from support import ServerTestCase, make_client


def next_message(pubsub: Any) -> Optional[Dict[str, Any]]:
    return pubsub.get_message(timeout=5)


class PubSubTest(ServerTestCase):
    requires = ("publish", "subscribe", "psubscribe")

    def check(self, protocol: int) -> None:
        with make_client(protocol=protocol) as c, c.pubsub() as p:
            p.subscribe("news")
            self.assertEqual(next_message(p), {"type": "subscribe", "pattern": None, "channel": b"news", "data": 1})
            p.psubscribe("log.*")
            self.assertEqual(next_message(p)["type"], "psubscribe")
            self.assertIsNone(p.get_message(timeout=0.05))
            self.assertEqual(c.publish("news", "hello"), 1)
            self.assertEqual(c.publish("log.disk", "full"), 1)
            self.assertEqual(next_message(p), {"type": "message", "pattern": None, "channel": b"news", "data": b"hello"})
            self.assertEqual(next_message(p), {"type": "pmessage", "pattern": b"log.*", "channel": b"log.disk", "data": b"full"})
            p.unsubscribe()
            p.punsubscribe()
            kinds: List[str] = [m["type"] for m in p.listen()]
            self.assertEqual(kinds, ["unsubscribe", "punsubscribe"])
            self.assertFalse(p.subscribed)

    def test_resp2(self) -> None:
        self.check(2)

    def test_resp3(self) -> None:
        self.require("hello")
        self.check(3)

    def test_ignore_subscribe_messages(self) -> None:
        with make_client(decode_responses=True) as c, c.pubsub() as p:
            p.subscribe("ch")
            self.assertIsNone(p.get_message(timeout=1, ignore_subscribe_messages=True))
            c.publish("ch", "x")
            self.assertEqual(p.get_message(timeout=5)["data"], "x")


if __name__ == "__main__":
    unittest.main()
