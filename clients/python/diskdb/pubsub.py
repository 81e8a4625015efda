"""Pub/sub on a dedicated connection."""
from types import TracebackType
from typing import Any, Dict, Iterator, Optional, Set, Type

from .connection import Connection
from .exceptions import ResponseError

Message = Dict[str, Any]


class PubSub:
    """Subscribe, then poll get_message() or iterate listen(). Messages are dicts with the keys
    type (str: 'message', 'pmessage', 'subscribe', ...), pattern, channel and data. After a
    broken connection, the next call reconnects and subscribes to everything again."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.channels: Set[Any] = set()
        self.patterns: Set[Any] = set()

    def __enter__(self) -> "PubSub":
        return self

    def __exit__(self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException],
                 tb: Optional[TracebackType]) -> None:
        self.close()

    def close(self) -> None:
        self._connection.disconnect()
        self.channels.clear()
        self.patterns.clear()

    @property
    def subscribed(self) -> bool:
        return bool(self.channels or self.patterns)

    def _ensure_connected(self) -> None:
        if self._connection.connected:
            return
        self._connection.connect()
        if self.channels:
            self._connection.send_commands([("SUBSCRIBE",) + tuple(self.channels)])
        if self.patterns:
            self._connection.send_commands([("PSUBSCRIBE",) + tuple(self.patterns)])

    def _send(self, *args: Any) -> None:
        self._ensure_connected()
        self._connection.send_commands([args])

    def subscribe(self, *channels: Any) -> None:
        self._send("SUBSCRIBE", *channels)
        self.channels.update(channels)

    def psubscribe(self, *patterns: Any) -> None:
        self._send("PSUBSCRIBE", *patterns)
        self.patterns.update(patterns)

    def unsubscribe(self, *channels: Any) -> None:
        """Unsubscribe from channels (all of them when none are named)."""
        self._send("UNSUBSCRIBE", *channels)

    def punsubscribe(self, *patterns: Any) -> None:
        self._send("PUNSUBSCRIBE", *patterns)

    def get_message(self, timeout: Optional[float] = 0.0,
                    ignore_subscribe_messages: bool = False) -> Optional[Message]:
        """The next message, waiting up to timeout seconds (None: forever); None if none came."""
        if not self._connection.connected and not self.subscribed:
            return None
        self._ensure_connected()
        if not self._connection.can_read(timeout):
            return None
        reply = self._connection.read_reply(allow_push=True)
        if isinstance(reply, ResponseError):
            raise reply
        message = self._to_message(reply)
        if ignore_subscribe_messages and message["type"] in _SUBSCRIPTION_TYPES:
            return None
        return message

    def listen(self) -> Iterator[Message]:
        """Yield messages for as long as something is subscribed."""
        while self.subscribed:
            message = self.get_message(timeout=None)
            if message is not None:
                yield message

    def _to_message(self, reply: Any) -> Message:
        kind = reply[0].decode() if isinstance(reply[0], bytes) else str(reply[0])
        kind = kind.lower()
        if kind == "pmessage":
            return {"type": kind, "pattern": reply[1], "channel": reply[2], "data": reply[3]}
        message = {"type": kind, "pattern": None, "channel": reply[1] if len(reply) > 1 else None,
                   "data": reply[2] if len(reply) > 2 else None}
        if kind in ("unsubscribe", "punsubscribe"):
            (self.channels if kind == "unsubscribe" else self.patterns).discard(message["channel"])
            if message["data"] == 0:  # the server's count of remaining subscriptions
                self.channels.clear()
                self.patterns.clear()
        return message


_SUBSCRIPTION_TYPES = ("subscribe", "psubscribe", "unsubscribe", "punsubscribe")
