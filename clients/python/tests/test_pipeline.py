import unittest
from typing import Any, List

from diskdb import ExecAbortError, ResponseError, WatchError
from support import ServerTestCase, make_client


class RecordingSocket:
    """Wraps the client's socket to record the order of writes and reads."""

    def __init__(self, sock: Any, log: List[str]) -> None:
        self._sock = sock
        self._log = log

    def sendall(self, data: bytes) -> None:
        self._log.append("write")
        self._sock.sendall(data)

    def recv(self, size: int) -> bytes:
        self._log.append("read")
        return self._sock.recv(size)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class PipelineTest(ServerTestCase):
    def test_results_in_order_with_conversions(self) -> None:
        p = self.client.pipeline()
        p.set("a", 1).incr("a").get("a").exists("a", "b").ttl("a")
        self.assertEqual(len(p), 5)
        self.assertEqual(p.execute(), [True, 2, b"2", 1, -1])
        self.assertEqual(p.execute(), [])

    def test_a_thousand_commands_take_one_write_then_reads(self) -> None:
        c = self.client
        before = c.info("stats")["total_commands_processed"]
        log: List[str] = []
        connection = c._connection
        connection._sock = RecordingSocket(connection._sock, log)  # type: ignore[assignment]
        p = c.pipeline()
        for i in range(1000):
            p.incr("counter")
        results = p.execute()
        self.assertEqual(results, list(range(1, 1001)))
        self.assertEqual(log.count("write"), 1, "all 1000 commands go out in a single write")
        self.assertEqual(log[0], "write", "no reply is awaited before everything is sent")
        after = c.info("stats")["total_commands_processed"]
        self.assertEqual(after - before, 1001)  # the 1000 INCRs and the first INFO itself

    def test_errors_are_returned_in_place(self) -> None:
        c = self.client
        c.set("s", "text")
        results = c.pipeline().incr("s").set("t", "ok").execute_command("NOSUCHCOMMAND").get("t").execute()
        self.assertIsInstance(results[0], ResponseError)
        self.assertIn("not an integer", str(results[0]))
        self.assertEqual(results[1], True)
        self.assertIsInstance(results[2], ResponseError)
        self.assertEqual(results[3], b"ok")
        with self.assertRaises(ResponseError):
            c.pipeline().incr("s").execute(raise_on_error=True)
        self.assertEqual(c.get("s"), b"text")

    def test_the_connection_stays_usable_after_a_pipeline(self) -> None:
        c = self.client
        c.pipeline().set("a", 1).get("a").execute()
        self.assertEqual(c.get("a"), b"1")


class TransactionTest(ServerTestCase):
    requires = ("multi", "exec", "watch")

    def test_exec_results(self) -> None:
        c = self.client
        results = c.pipeline(transaction=True).set("a", 1).incr("a").get("a").execute()
        self.assertEqual(results, [True, 2, b"2"])

    def test_runtime_errors_stay_in_place_and_the_rest_runs(self) -> None:
        c = self.client
        c.set("s", "text")
        results = c.pipeline(transaction=True).incr("s").set("t", "v").execute()
        self.assertIsInstance(results[0], ResponseError)
        self.assertEqual(results[1], True)
        self.assertEqual(c.get("t"), b"v")

    def test_a_command_refused_while_queuing_aborts_everything(self) -> None:
        c = self.client
        results = c.pipeline(transaction=True).set("a", 1).execute_command("NOSUCHCOMMAND").execute()
        self.assertIsInstance(results[0], ExecAbortError)
        self.assertIsInstance(results[1], ResponseError)
        self.assertNotIsInstance(results[1], ExecAbortError)
        self.assertIsNone(c.get("a"))

    def test_watch_detects_a_concurrent_change(self) -> None:
        c = self.client
        c.set("balance", 10)
        self.assertTrue(c.watch("balance"))
        with make_client() as other:
            other.set("balance", 99)
        with self.assertRaises(WatchError):
            c.pipeline(transaction=True).incrby("balance", 5).execute()
        self.assertEqual(c.get("balance"), b"99")
        c.watch("balance")
        self.assertEqual(c.pipeline(transaction=True).incrby("balance", 1).execute(), [100])


if __name__ == "__main__":
    unittest.main()
