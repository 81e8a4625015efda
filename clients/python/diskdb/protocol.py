"""RESP encoding of commands and RESP2/RESP3 decoding of replies.

Error replies are *returned* as ResponseError instances rather than raised, so that a pipeline or
an EXEC reply can keep them in place; the caller decides whether to raise.
"""
from typing import Any, Callable, Dict, Union

from .exceptions import DataError, ResponseError, error_from_reply

EncodableArg = Union[bytes, bytearray, memoryview, str, int, float]


class PushReply(list):
    """A RESP3 out-of-band push message (pub/sub messages, invalidations)."""


def encode_arg(value: Any, encoding: str = "utf-8") -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode(encoding)
    # bool is an int subclass; sending True as b"1" silently is a classic bug, so refuse it.
    if isinstance(value, bool):
        raise DataError("invalid input of type bool: convert to bytes, str, int or float first")
    if isinstance(value, int):
        return str(value).encode()
    if isinstance(value, float):
        return repr(value).encode()
    raise DataError("invalid input of type %s: convert to bytes, str, int or float first"
                    % type(value).__name__)


def encode_command(args: tuple, encoding: str = "utf-8") -> bytes:
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = encode_arg(arg, encoding)
        parts.append(b"$%d\r\n" % len(data))
        parts.append(data)
        parts.append(b"\r\n")
    return b"".join(parts)


class ReplyParser:
    """Reads one complete reply at a time from a `read(n)`-style byte source.

    `fill` must return at least one byte or raise (EOF is turned into ConnectionError by the
    connection that provides it).
    """

    def __init__(self, fill: Callable[[], bytes], decode: bool, encoding: str = "utf-8") -> None:
        self._fill = fill
        self._buf = bytearray()
        self._pos = 0
        self._decode = decode
        self._encoding = encoding

    def has_buffered_data(self) -> bool:
        return self._pos < len(self._buf)

    def reset(self) -> None:
        self._buf = bytearray()
        self._pos = 0

    # -- byte level -------------------------------------------------------------------------
    def _more(self) -> None:
        if self._pos > 65536 and self._pos > len(self._buf) // 2:
            del self._buf[:self._pos]
            self._pos = 0
        self._buf += self._fill()

    def _line(self) -> bytes:
        while True:
            end = self._buf.find(b"\r\n", self._pos)
            if end >= 0:
                line = bytes(self._buf[self._pos:end])
                self._pos = end + 2
                return line
            self._more()

    def _exact(self, length: int) -> bytes:
        while len(self._buf) - self._pos < length + 2:
            self._more()
        data = bytes(self._buf[self._pos:self._pos + length])
        self._pos += length + 2
        return data

    # -- values -----------------------------------------------------------------------------
    def _text(self, data: bytes) -> Union[bytes, str]:
        return data.decode(self._encoding, errors="replace") if self._decode else data

    def read(self) -> Any:
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return self._text(rest)
        if kind == b"-":
            return error_from_reply(rest.decode("utf-8", errors="replace"))
        if kind == b":":
            return int(rest)
        if kind == b"$":
            length = int(rest)
            return None if length < 0 else self._text(self._exact(length))
        if kind == b"*":
            count = int(rest)
            return None if count < 0 else [self.read() for _ in range(count)]
        return self._read_resp3(kind, rest)

    def _read_resp3(self, kind: bytes, rest: bytes) -> Any:
        if kind == b"_":
            return None
        if kind == b",":
            return float(rest)  # float() understands inf, -inf and nan as RESP3 spells them
        if kind == b"#":
            return rest == b"t"
        if kind == b"(":
            return int(rest)
        if kind == b"!":
            return error_from_reply(self._exact(int(rest)).decode("utf-8", errors="replace"))
        if kind == b"=":
            return self._text(self._exact(int(rest))[4:])  # drop the "txt:" format prefix
        if kind == b"%":
            result: Dict[Any, Any] = {}
            for _ in range(int(rest)):
                key = _hashable(self.read())
                result[key] = self.read()
            return result
        if kind == b"~":
            items = [self.read() for _ in range(int(rest))]
            try:
                return set(items)
            except TypeError:  # nested aggregates are unhashable: keep the order-free list
                return items
        if kind == b">":
            return PushReply(self.read() for _ in range(int(rest)))
        if kind == b"|":
            for _ in range(int(rest) * 2):  # attributes describe the next reply; we skip them
                self.read()
            return self.read()
        raise ResponseError("protocol error: unexpected reply type %r" % kind)


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _hashable(v)) for k, v in value.items())
    if isinstance(value, set):
        return frozenset(value)
    return value


def is_error(reply: Any) -> bool:
    return isinstance(reply, ResponseError)

