"""Shared test fixtures: a client for the server named by DISKDB_HOST/DISKDB_PORT, and skipping
of features that server does not have (asked via COMMAND INFO, so tests turn on by themselves
once the server gains the commands).

The tests FLUSH the server's databases: point them at a disposable server.
"""
import os
import sys
import threading
import unittest
from typing import Any, Callable, Dict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import diskdb  # noqa: E402

HOST = os.environ.get("DISKDB_HOST", "localhost")
PORT = int(os.environ.get("DISKDB_PORT", "6380"))

_supported: Dict[str, bool] = {}


def make_client(**options: Any) -> diskdb.DiskDB:
    options.setdefault("socket_timeout", 10)
    return diskdb.DiskDB(host=HOST, port=PORT, **options)


def later(delay: float, action: Callable[[diskdb.DiskDB], Any]) -> threading.Timer:
    """Run action with a fresh client after delay seconds, on another thread (for waking up
    blocking commands). join() the returned timer."""
    def run() -> None:
        with make_client() as client:
            action(client)
    timer = threading.Timer(delay, run)
    timer.start()
    return timer


def server_has(command: str) -> bool:
    """True when COMMAND INFO knows the command (subcommands as 'xgroup|create')."""
    name = command.lower()
    if name not in _supported:
        with make_client() as probe:
            parent, _, sub = name.partition("|")
            info = probe.command_info(parent)[0]
            if info is not None and sub:
                subcommands = info[9] if len(info) > 9 else []
                info = next((s for s in subcommands if s[0].decode().lower() == name), None)
            _supported[name] = info is not None
    return _supported[name]


class ServerTestCase(unittest.TestCase):
    #: commands every test in the class needs; the class is skipped when the server lacks one
    requires: tuple = ()

    @classmethod
    def setUpClass(cls) -> None:
        missing = [c for c in cls.requires if not server_has(c)]
        if missing:
            raise unittest.SkipTest("server has no %s" % ", ".join(c.upper() for c in missing))

    def setUp(self) -> None:
        self.client = make_client()
        self.client.flushall()

    def tearDown(self) -> None:
        self.client.close()

    def require(self, *commands: str) -> None:
        missing = [c for c in commands if not server_has(c)]
        if missing:
            self.skipTest("server has no %s" % ", ".join(c.upper() for c in missing))
