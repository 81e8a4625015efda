import builtins
import socket
import time
import unittest

import diskdb
from diskdb import AuthenticationError, DiskDBError, ResponseError, TypeMismatchError
from support import ServerTestCase, make_client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ErrorsTest(ServerTestCase):
    def test_error_replies_raise_response_error(self) -> None:
        c = self.client
        c.set("s", "text")
        with self.assertRaises(ResponseError) as caught:
            c.incr("s")
        self.assertIsInstance(caught.exception, DiskDBError)
        self.assertEqual(str(caught.exception), "ERR value is not an integer or out of range")
        self.assertEqual(c.get("s"), b"text", "the connection is still in sync after an error")

    def test_wrongtype_is_a_type_mismatch(self) -> None:
        self.require("sadd")
        c = self.client
        c.sadd("set", "m")
        with self.assertRaises(TypeMismatchError) as caught:
            c.get("set")
        self.assertIsInstance(caught.exception, ResponseError)
        self.assertTrue(str(caught.exception).startswith("WRONGTYPE"))

    def test_refused_connection(self) -> None:
        with diskdb.DiskDB(port=free_port(), socket_connect_timeout=2) as c:
            with self.assertRaises(diskdb.ConnectionError) as caught:
                c.ping()
        self.assertIsInstance(caught.exception, DiskDBError)
        self.assertIsInstance(caught.exception, builtins.ConnectionError)

    def test_authentication(self) -> None:
        c = self.client
        c.config_set("requirepass", "s3cret")
        try:
            with make_client() as anonymous:
                with self.assertRaises(AuthenticationError) as caught:
                    anonymous.get("k")
                self.assertTrue(str(caught.exception).startswith("NOAUTH"))
            with make_client(password="wrong") as wrong:
                with self.assertRaises(AuthenticationError) as caught:
                    wrong.ping()
                self.assertTrue(str(caught.exception).startswith("WRONGPASS"))
            with make_client(password="s3cret") as good, make_client(password="s3cret", protocol=3) as good3:
                self.assertTrue(good.ping())
                self.assertTrue(good3.ping())
        finally:
            with make_client(password="s3cret") as admin:
                admin.config_set("requirepass", "")
        self.assertTrue(self.client.ping())


class ReconnectTest(ServerTestCase):
    requires = ("client|kill", "client|id")

    def kill(self, client: diskdb.DiskDB) -> None:
        with make_client() as killer:
            self.assertEqual(killer.execute_command("CLIENT", "KILL", "ID", client.client_id()), 1)
        # CLIENT KILL may answer before the victim's socket is actually closed; a command sent in
        # that window is lost with the connection, which the client rightly does not retry.
        deadline = time.monotonic() + 5
        while not client._connection.looks_closed_by_peer():
            self.assertLess(time.monotonic(), deadline, "the server never closed the connection")
            time.sleep(0.01)

    def test_a_connection_closed_by_the_server_is_replaced(self) -> None:
        c = self.client
        first = c.client_id()
        self.kill(c)
        self.assertTrue(c.ping())
        self.assertNotEqual(c.client_id(), first)

    def test_the_selected_database_survives_a_reconnect(self) -> None:
        c = self.client
        c.select(2)
        c.set("in-db-2", "yes")
        self.kill(c)
        self.assertEqual(c.get("in-db-2"), b"yes")

    def test_database_option(self) -> None:
        with make_client(db=3) as c:
            c.set("k", "three")
        self.assertIsNone(self.client.get("k"))
        self.client.select(3)
        self.assertEqual(self.client.get("k"), b"three")


if __name__ == "__main__":
    unittest.main()
