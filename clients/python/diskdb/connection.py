"""One socket to the server: connect + handshake, send bytes, read replies."""
import select
import socket
import ssl as ssl_module
from typing import Any, Iterable, List, Optional

from .exceptions import ConnectionError, ResponseError, TimeoutError
from .protocol import PushReply, ReplyParser, encode_command


class ConnectionParams:
    """Everything needed to (re)open a connection; shared by a client and its pub/sub objects."""

    def __init__(self, host: str, port: int, password: Optional[str], username: Optional[str],
                 db: int, ssl: bool, ssl_context: Optional[ssl_module.SSLContext],
                 socket_timeout: Optional[float], socket_connect_timeout: Optional[float],
                 protocol: int, decode_responses: bool, encoding: str,
                 client_name: Optional[str]) -> None:
        if protocol not in (2, 3):
            raise ValueError("protocol must be 2 or 3")
        self.host = host
        self.port = port
        self.password = password
        self.username = username
        self.db = db
        self.ssl = ssl or ssl_context is not None
        self.ssl_context = ssl_context
        self.socket_timeout = socket_timeout
        self.socket_connect_timeout = (socket_connect_timeout if socket_connect_timeout is not None
                                       else socket_timeout)
        self.protocol = protocol
        self.decode_responses = decode_responses
        self.encoding = encoding
        self.client_name = client_name


class Connection:
    def __init__(self, params: ConnectionParams) -> None:
        self.params = params
        self._sock: Optional[socket.socket] = None
        self._parser = ReplyParser(self._recv, params.decode_responses, params.encoding)

    # -- life cycle -------------------------------------------------------------------------
    @property
    def connected(self) -> bool:
        return self._sock is not None

    def connect(self) -> None:
        if self._sock is not None:
            return
        p = self.params
        try:
            sock = socket.create_connection((p.host, p.port), timeout=p.socket_connect_timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if p.ssl:
                context = p.ssl_context or ssl_module.create_default_context()
                sock = context.wrap_socket(sock, server_hostname=p.host)
            sock.settimeout(p.socket_timeout)
        except socket.timeout as exc:
            raise TimeoutError("timed out connecting to %s:%s" % (p.host, p.port)) from exc
        except OSError as exc:
            raise ConnectionError("error connecting to %s:%s: %s" % (p.host, p.port, exc)) from exc
        self._sock = sock
        self._parser.reset()
        try:
            self._handshake()
        except BaseException:
            self.disconnect()
            raise

    def _handshake(self) -> None:
        """HELLO/AUTH, then SELECT and CLIENT SETNAME, checking each reply."""
        p = self.params
        commands: List[tuple] = []
        if p.protocol == 3:
            hello: tuple = ("HELLO", 3)
            if p.password is not None:
                hello += ("AUTH", p.username or "default", p.password)
            commands.append(hello)
        elif p.password is not None:
            commands.append(("AUTH", p.username, p.password) if p.username else ("AUTH", p.password))
        if p.db:
            commands.append(("SELECT", p.db))
        if p.client_name:
            commands.append(("CLIENT", "SETNAME", p.client_name))
        if not commands:
            return
        self.send_commands(commands)
        for _ in commands:
            reply = self.read_reply()
            if isinstance(reply, ResponseError):
                raise reply

    def disconnect(self) -> None:
        sock, self._sock = self._sock, None
        self._parser.reset()
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass

    def looks_closed_by_peer(self) -> bool:
        """True when an idle connection has been closed by the server (restart, CLIENT KILL,
        idle timeout). Checked before reusing a connection, so the command is sent on a fresh one
        instead of failing; nothing is retried after it was sent, so nothing runs twice."""
        sock = self._sock
        if sock is None or self._parser.has_buffered_data():
            return False
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            if not readable:
                return False
            if isinstance(sock, ssl_module.SSLSocket):
                return False  # cannot peek through TLS; a read will tell
            return sock.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    # -- I/O --------------------------------------------------------------------------------
    def send_commands(self, commands: Iterable[tuple]) -> None:
        """Encode all commands and send them with a single write."""
        payload = b"".join(encode_command(args, self.params.encoding) for args in commands)
        self.send_bytes(payload)

    def send_bytes(self, payload: bytes) -> None:
        if self._sock is None:
            self.connect()
        assert self._sock is not None
        try:
            self._sock.sendall(payload)
        except socket.timeout as exc:
            self.disconnect()
            raise TimeoutError("timed out writing to the server") from exc
        except OSError as exc:
            self.disconnect()
            raise ConnectionError("error writing to the server: %s" % exc) from exc

    def _recv(self) -> bytes:
        if self._sock is None:
            raise ConnectionError("connection closed")
        try:
            data = self._sock.recv(65536)
        except socket.timeout as exc:
            self.disconnect()
            raise TimeoutError("timed out reading from the server") from exc
        except OSError as exc:
            self.disconnect()
            raise ConnectionError("error reading from the server: %s" % exc) from exc
        if not data:
            self.disconnect()
            raise ConnectionError("the server closed the connection")
        return data

    def read_reply(self, allow_push: bool = False) -> Any:
        """Read the next reply. Out-of-band RESP3 pushes are skipped unless allow_push."""
        while True:
            try:
                reply = self._parser.read()
            except (ValueError, IndexError) as exc:
                self.disconnect()
                raise ConnectionError("protocol error: %s" % exc) from exc
            if allow_push or not isinstance(reply, PushReply):
                return reply

    def can_read(self, timeout: Optional[float]) -> bool:
        """True when a reply (or part of one) is available within timeout seconds."""
        if self._sock is None:
            self.connect()
        if self._parser.has_buffered_data():
            return True
        assert self._sock is not None
        if isinstance(self._sock, ssl_module.SSLSocket) and self._sock.pending():
            return True
        readable, _, _ = select.select([self._sock], [], [], timeout)
        return bool(readable)

    def set_read_timeout(self, timeout: Optional[float]) -> None:
        if self._sock is not None:
            self._sock.settimeout(timeout)
