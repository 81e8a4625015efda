"""The DiskDB client: one reused connection, typed commands, pipelines and pub/sub."""
import ssl as ssl_module
import threading
from types import TracebackType
from typing import Any, List, Optional, Tuple, Type

from .commands import Commands, Converter, KeyIteration
from .connection import Connection, ConnectionParams
from .exceptions import ResponseError
from .pipeline import Pipeline
from .pubsub import PubSub

# Servers check blocking timeouts on a timer (Redis: every 100 ms at hz 10), so a timed-out
# BLPOP may answer a little after its timeout.
_BLOCKING_GRACE = 1.0


class DiskDB(Commands, KeyIteration):
    """A client holding one connection, opened lazily and reopened if the server closed it.

    Safe to share between threads (commands are serialised on the connection), but a blocking
    command (BLPOP, XREAD BLOCK) holds it for its duration: give such threads their own client.
    """

    def __init__(self, host: str = "localhost", port: int = 6380, password: Optional[str] = None,
                 username: Optional[str] = None, db: int = 0, ssl: bool = False,
                 socket_timeout: Optional[float] = None, protocol: int = 2,
                 decode_responses: bool = False, encoding: str = "utf-8",
                 socket_connect_timeout: Optional[float] = None,
                 ssl_context: Optional[ssl_module.SSLContext] = None,
                 client_name: Optional[str] = None) -> None:
        self._params = ConnectionParams(host, port, password, username, db, ssl, ssl_context,
                                        socket_timeout, socket_connect_timeout, protocol,
                                        decode_responses, encoding, client_name)
        self._connection = Connection(self._params)
        self._lock = threading.RLock()

    @property
    def protocol(self) -> int:
        return self._params.protocol

    def __repr__(self) -> str:
        return "DiskDB<%s:%s db=%s>" % (self._params.host, self._params.port, self._params.db)

    def __enter__(self) -> "DiskDB":
        return self

    def __exit__(self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException],
                 tb: Optional[TracebackType]) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._connection.disconnect()

    # -- running commands -------------------------------------------------------------------
    def execute_command(self, *args: Any) -> Any:
        """Send any command and return its reply (bytes/str, int, list, None, ...)."""
        return self._call(None, *args)

    def _call(self, convert: Converter, *args: Any) -> Any:
        return self._call_blocking(None, convert, *args)

    def _call_blocking(self, timeout: Optional[float], convert: Converter, *args: Any) -> Any:
        with self._lock:
            reply = self.send_and_read([args], block_timeout=timeout)[0]
        if isinstance(reply, ResponseError):
            raise reply
        reply = convert(reply) if convert is not None else reply
        self._remember_selected_db(args, reply)
        return reply

    def send_and_read(self, commands: List[Tuple[Any, ...]],
                      block_timeout: Optional[float] = None) -> List[Any]:
        """Write all commands at once, then read one reply each (errors returned, not raised).

        block_timeout: the longest a command may block server-side; the socket timeout is
        stretched by it (plus a grace for the server's timer resolution) so a BLPOP with
        timeout 5 does not fail on a 1 s socket_timeout.
        """
        with self._lock:
            connection = self._connection
            if connection.looks_closed_by_peer():
                connection.disconnect()
            connection.send_commands(commands)
            stretch = self._params.socket_timeout is not None and block_timeout is not None
            if stretch:
                assert self._params.socket_timeout is not None and block_timeout is not None
                connection.set_read_timeout(self._params.socket_timeout + block_timeout
                                            + _BLOCKING_GRACE if block_timeout > 0 else None)
            try:
                return [connection.read_reply() for _ in commands]
            finally:
                if stretch:
                    connection.set_read_timeout(self._params.socket_timeout)

    def _remember_selected_db(self, args: Tuple[Any, ...], reply: Any) -> None:
        """After SELECT succeeds, a reconnect must select the same database again."""
        name = args[0]
        if isinstance(name, bytes):
            name = name.decode()
        if isinstance(name, str) and name.upper() == "SELECT" and reply in (True, b"OK", "OK"):
            self._params.db = int(args[1])

    # -- commands that only make sense on a live client --------------------------------------
    def select(self, db: int) -> bool:
        return self._call(lambda r: r in (b"OK", "OK"), "SELECT", db)

    def watch(self, *names: Any) -> bool:
        """WATCH keys for the next transaction pipeline (both use this client's connection)."""
        return self._call(lambda r: r in (b"OK", "OK"), "WATCH", *names)

    def unwatch(self) -> bool:
        return self._call(lambda r: r in (b"OK", "OK"), "UNWATCH")

    def pipeline(self, transaction: bool = False) -> Pipeline:
        """Queue commands, then execute() sends them in one write and reads all replies.
        With transaction=True they are wrapped in MULTI/EXEC."""
        return Pipeline(self, transaction)

    def pubsub(self) -> PubSub:
        """A subscriber on its own connection (a subscribed connection cannot run commands)."""
        return PubSub(Connection(self._params))
