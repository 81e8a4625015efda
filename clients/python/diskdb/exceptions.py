"""Exception hierarchy: every error raised by the client derives from DiskDBError."""
import builtins


class DiskDBError(Exception):
    """Base class of every error raised by this package."""


class ConnectionError(DiskDBError, builtins.ConnectionError):  # noqa: A001 - mirrors the built-in on purpose
    """The connection could not be opened or broke; also catchable as the built-in ConnectionError."""


class TimeoutError(DiskDBError, builtins.TimeoutError):  # noqa: A001
    """A socket operation timed out (socket_timeout)."""


class DataError(DiskDBError):
    """An argument cannot be sent to the server (e.g. an unsupported type)."""


class ResponseError(DiskDBError):
    """The server answered with an error reply."""


class TypeMismatchError(ResponseError):
    """WRONGTYPE: the key holds a value of another type."""


class AuthenticationError(ResponseError):
    """NOAUTH / WRONGPASS: authentication is required or was refused."""


class ExecAbortError(ResponseError):
    """EXECABORT: a transaction was discarded because a command failed to queue."""


class WatchError(DiskDBError):
    """EXEC returned nil: a watched key changed, so the transaction did not run."""


_PREFIXES = (
    ("WRONGTYPE", TypeMismatchError),
    ("NOAUTH", AuthenticationError),
    ("WRONGPASS", AuthenticationError),
    ("EXECABORT", ExecAbortError),
)


def error_from_reply(message: str) -> ResponseError:
    """Build the most specific ResponseError subclass for an error reply's text."""
    for prefix, cls in _PREFIXES:
        if message.startswith(prefix):
            return cls(message)
    # Redis 7 sends this (with an ERR prefix) when AUTH is used but no password is configured.
    if message.startswith("ERR AUTH") or message.startswith("ERR invalid password"):
        return AuthenticationError(message)
    return ResponseError(message)
