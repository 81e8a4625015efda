"""Pipelines: queue commands, send them in one write, read every reply afterwards."""
from types import TracebackType
from typing import TYPE_CHECKING, Any, List, Optional, Tuple, Type

from .commands import Commands, Converter
from .exceptions import ExecAbortError, ResponseError, WatchError

if TYPE_CHECKING:  # pragma: no cover
    from .client import DiskDB


class Pipeline(Commands):
    """Typed methods queue their command and return the pipeline, so calls can be chained:
    ``p.set("a", 1).incr("a")``. execute() returns one result per command, in order."""

    def __init__(self, client: "DiskDB", transaction: bool) -> None:
        self._client = client
        self.transaction = transaction
        self._queue: List[Tuple[Tuple[Any, ...], Converter]] = []

    def __len__(self) -> int:
        return len(self._queue)

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException],
                 tb: Optional[TracebackType]) -> None:
        self.reset()

    def reset(self) -> None:
        self._queue = []

    def _call(self, convert: Converter, *args: Any) -> "Pipeline":
        self._queue.append((args, convert))
        return self

    def execute_command(self, *args: Any) -> "Pipeline":
        return self._call(None, *args)

    def execute(self, raise_on_error: bool = False) -> List[Any]:
        """Run the queued commands. A command that failed is represented by its ResponseError
        instance in the result list (redis-py's raise_on_error=False); pass raise_on_error=True
        to raise the first one instead. A transaction whose WATCHed keys changed raises
        WatchError."""
        queue, self._queue = self._queue, []
        if not queue:
            return []
        commands = [args for args, _ in queue]
        if self.transaction:
            results = self._run_transaction(commands)
        else:
            results = self._client.send_and_read(commands)
        converted = [reply if isinstance(reply, ResponseError) or convert is None else convert(reply)
                     for reply, (_, convert) in zip(results, queue)]
        if raise_on_error:
            for item in converted:
                if isinstance(item, ResponseError):
                    raise item
        return converted

    def _run_transaction(self, commands: List[Tuple[Any, ...]]) -> List[Any]:
        replies = self._client.send_and_read([("MULTI",)] + commands + [("EXEC",)])
        multi, queued, exec_reply = replies[0], replies[1:-1], replies[-1]
        if isinstance(multi, ResponseError):
            raise multi
        if exec_reply is None:
            raise WatchError("watched keys changed: the transaction was not executed")
        if isinstance(exec_reply, ExecAbortError):
            # Nothing ran: commands that were refused get their own error, the others EXECABORT.
            return [q if isinstance(q, ResponseError) else exec_reply for q in queued]
        if isinstance(exec_reply, ResponseError):
            raise exec_reply
        return list(exec_reply)
