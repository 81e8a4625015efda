"""DiskDB client: a dependency-free RESP2/RESP3 client for DiskDB (and Redis)."""
from .client import DiskDB
from .exceptions import (AuthenticationError, ConnectionError, DataError, DiskDBError,
                         ExecAbortError, ResponseError, TimeoutError, TypeMismatchError,
                         WatchError)
from .pipeline import Pipeline
from .pubsub import PubSub

__version__ = "0.1.0"

__all__ = [
    "DiskDB", "Pipeline", "PubSub",
    "DiskDBError", "ConnectionError", "TimeoutError", "DataError", "ResponseError",
    "TypeMismatchError", "AuthenticationError", "ExecAbortError", "WatchError",
]
