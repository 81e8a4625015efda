"""Typed command methods, shared by the client (runs them now) and pipelines (queue them).

Each method builds the argument list and names the reply conversion; `_call` decides when the
command runs. Subclasses implement `_call(convert, *args)` and `_call_blocking(timeout, ...)`.
"""
import datetime
import json
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import replies
from .exceptions import DataError

KeyT = Union[bytes, str]
ValueT = Union[bytes, str, int, float]
Seconds = Union[int, float, datetime.timedelta]
Converter = Optional[Callable[[Any], Any]]


def _seconds(value: Union[int, datetime.timedelta]) -> int:
    return int(value.total_seconds()) if isinstance(value, datetime.timedelta) else int(value)


def _millis(value: Union[int, datetime.timedelta]) -> int:
    return int(value.total_seconds() * 1000) if isinstance(value, datetime.timedelta) else int(value)


def _timeout(value: Seconds) -> Union[int, float]:
    return value.total_seconds() if isinstance(value, datetime.timedelta) else value


def _keys(keys: Union[KeyT, Sequence[KeyT]], extra: Tuple[KeyT, ...] = ()) -> List[KeyT]:
    """Accept f(k1, k2), f([k1, k2]) and f('k1') alike, as redis-py does."""
    found = [keys] if isinstance(keys, (bytes, str)) else list(keys)
    return found + list(extra)


def _flags(**flags: bool) -> List[str]:
    return [name.upper() for name, on in flags.items() if on]


def _unique(*options: Tuple[str, bool]) -> None:
    chosen = [name for name, on in options if on]
    if len(chosen) > 1:
        raise DataError("%s are mutually exclusive" % " and ".join(chosen))


def _expiry_args(ex: Optional[Seconds], px: Optional[Seconds], exat: Any, pxat: Any) -> List[Any]:
    args: List[Any] = []
    _unique(("ex", ex is not None), ("px", px is not None), ("exat", exat is not None),
            ("pxat", pxat is not None))
    if ex is not None:
        args += ["EX", _seconds(ex)]
    if px is not None:
        args += ["PX", _millis(px)]
    if exat is not None:
        args += ["EXAT", int(exat.timestamp()) if isinstance(exat, datetime.datetime) else exat]
    if pxat is not None:
        args += ["PXAT", int(pxat.timestamp() * 1000) if isinstance(pxat, datetime.datetime) else pxat]
    return args


def _limit_args(offset: Optional[int], count: Optional[int]) -> List[Any]:
    if offset is None and count is None:
        return []
    if offset is None or count is None:
        raise DataError("offset and count must be given together")
    return ["LIMIT", offset, count]


def _trim_args(maxlen: Optional[int], minid: Optional[str], approximate: bool,
               limit: Optional[int]) -> List[Any]:
    _unique(("maxlen", maxlen is not None), ("minid", minid is not None))
    if maxlen is None and minid is None:
        if limit is not None:
            raise DataError("limit needs maxlen or minid")
        return []
    args: List[Any] = ["MAXLEN", maxlen] if maxlen is not None else ["MINID", minid]
    if approximate:
        args.insert(1, "~")
    if limit is not None:
        if not approximate:
            raise DataError("limit needs approximate trimming")
        args += ["LIMIT", limit]
    return args


def _stream_args(streams: Mapping[KeyT, Any]) -> List[Any]:
    if not streams:
        raise DataError("streams must name at least one stream")
    return ["STREAMS"] + list(streams.keys()) + list(streams.values())


class Commands:
    def _call(self, convert: Converter, *args: Any) -> Any:
        raise NotImplementedError

    def _call_blocking(self, timeout: Optional[float], convert: Converter, *args: Any) -> Any:
        """A command that may block on the server for up to `timeout` seconds (0/None: forever)."""
        return self._call(convert, *args)

    # ----------------------------------------------------------------------- strings
    def set(self, name: KeyT, value: ValueT, ex: Optional[Seconds] = None,
            px: Optional[Seconds] = None, nx: bool = False, xx: bool = False,
            keepttl: bool = False, get: bool = False, exat: Any = None, pxat: Any = None) -> Any:
        """True when set; None when NX/XX prevented it; with get=True the old value instead."""
        _unique(("nx", nx), ("xx", xx))
        _unique(("keepttl", keepttl), ("an expiry", any(v is not None for v in (ex, px, exat, pxat))))
        args = ["SET", name, value] + _expiry_args(ex, px, exat, pxat) + _flags(nx=nx, xx=xx, keepttl=keepttl, get=get)
        return self._call(None if get else replies.ok_or_none, *args)

    def get(self, name: KeyT) -> Any:
        return self._call(None, "GET", name)

    def mget(self, keys: Union[KeyT, Sequence[KeyT]], *args: KeyT) -> Any:
        return self._call(None, "MGET", *_keys(keys, args))

    def mset(self, mapping: Mapping[KeyT, ValueT]) -> Any:
        return self._call(replies.ok, "MSET", *[x for pair in mapping.items() for x in pair])

    def msetnx(self, mapping: Mapping[KeyT, ValueT]) -> Any:
        return self._call(replies.to_bool, "MSETNX", *[x for pair in mapping.items() for x in pair])

    def setnx(self, name: KeyT, value: ValueT) -> Any:
        return self._call(replies.to_bool, "SETNX", name, value)

    def setex(self, name: KeyT, time: Union[int, datetime.timedelta], value: ValueT) -> Any:
        return self._call(replies.ok, "SETEX", name, _seconds(time), value)

    def incr(self, name: KeyT, amount: int = 1) -> Any:
        return self.incrby(name, amount)

    def incrby(self, name: KeyT, amount: int = 1) -> Any:
        return self._call(None, "INCRBY", name, amount)

    def decr(self, name: KeyT, amount: int = 1) -> Any:
        return self.decrby(name, amount)

    def decrby(self, name: KeyT, amount: int = 1) -> Any:
        return self._call(None, "DECRBY", name, amount)

    def incrbyfloat(self, name: KeyT, amount: float = 1.0) -> Any:
        return self._call(replies.to_float, "INCRBYFLOAT", name, amount)

    def append(self, key: KeyT, value: ValueT) -> Any:
        return self._call(None, "APPEND", key, value)

    def strlen(self, name: KeyT) -> Any:
        return self._call(None, "STRLEN", name)

    def getrange(self, key: KeyT, start: int, end: int) -> Any:
        return self._call(None, "GETRANGE", key, start, end)

    def setrange(self, name: KeyT, offset: int, value: ValueT) -> Any:
        return self._call(None, "SETRANGE", name, offset, value)

    def getdel(self, name: KeyT) -> Any:
        return self._call(None, "GETDEL", name)

    def getex(self, name: KeyT, ex: Optional[Seconds] = None, px: Optional[Seconds] = None,
              exat: Any = None, pxat: Any = None, persist: bool = False) -> Any:
        expiry = _expiry_args(ex, px, exat, pxat)
        _unique(("persist", persist), ("an expiry", bool(expiry)))
        return self._call(None, "GETEX", name, *(expiry + _flags(persist=persist)))

    # ----------------------------------------------------------------------- keys
    def delete(self, *names: KeyT) -> Any:
        return self._call(None, "DEL", *names)

    def unlink(self, *names: KeyT) -> Any:
        return self._call(None, "UNLINK", *names)

    def exists(self, *names: KeyT) -> Any:
        """The number of the given keys that exist (a key named twice counts twice)."""
        return self._call(None, "EXISTS", *names)

    def type(self, name: KeyT) -> Any:
        """The type name as str ('string', 'list', ..., 'none') whatever decode_responses says."""
        return self._call(replies.to_text, "TYPE", name)

    def expire(self, name: KeyT, time: Union[int, datetime.timedelta], nx: bool = False,
               xx: bool = False, gt: bool = False, lt: bool = False) -> Any:
        return self._call(replies.to_bool, "EXPIRE", name, _seconds(time), *_flags(nx=nx, xx=xx, gt=gt, lt=lt))

    def pexpire(self, name: KeyT, time: Union[int, datetime.timedelta], nx: bool = False,
                xx: bool = False, gt: bool = False, lt: bool = False) -> Any:
        return self._call(replies.to_bool, "PEXPIRE", name, _millis(time), *_flags(nx=nx, xx=xx, gt=gt, lt=lt))

    def expireat(self, name: KeyT, when: Union[int, datetime.datetime]) -> Any:
        when_s = int(when.timestamp()) if isinstance(when, datetime.datetime) else when
        return self._call(replies.to_bool, "EXPIREAT", name, when_s)

    def ttl(self, name: KeyT) -> Any:
        return self._call(None, "TTL", name)

    def pttl(self, name: KeyT) -> Any:
        return self._call(None, "PTTL", name)

    def persist(self, name: KeyT) -> Any:
        return self._call(replies.to_bool, "PERSIST", name)

    def rename(self, src: KeyT, dst: KeyT) -> Any:
        return self._call(replies.ok, "RENAME", src, dst)

    def renamenx(self, src: KeyT, dst: KeyT) -> Any:
        return self._call(replies.to_bool, "RENAMENX", src, dst)

    def keys(self, pattern: KeyT = "*") -> Any:
        return self._call(None, "KEYS", pattern)

    def scan(self, cursor: int = 0, match: Optional[KeyT] = None, count: Optional[int] = None,
             _type: Optional[str] = None) -> Any:
        """One SCAN step: (next cursor, keys). The cursor is 0 again when the scan is complete."""
        args: List[Any] = ["SCAN", cursor]
        if match is not None:
            args += ["MATCH", match]
        if count is not None:
            args += ["COUNT", count]
        if _type is not None:
            args += ["TYPE", _type]
        return self._call(lambda r: (int(r[0]), list(r[1])), *args)

    # ----------------------------------------------------------------------- lists
    def lpush(self, name: KeyT, *values: ValueT) -> Any:
        return self._call(None, "LPUSH", name, *values)

    def rpush(self, name: KeyT, *values: ValueT) -> Any:
        return self._call(None, "RPUSH", name, *values)

    def lpop(self, name: KeyT, count: Optional[int] = None) -> Any:
        """One value (or None); with count, a list of up to count values (None if the key is missing)."""
        return self._call(None, "LPOP", name, *([] if count is None else [count]))

    def rpop(self, name: KeyT, count: Optional[int] = None) -> Any:
        return self._call(None, "RPOP", name, *([] if count is None else [count]))

    def lrange(self, name: KeyT, start: int, end: int) -> Any:
        return self._call(None, "LRANGE", name, start, end)

    def llen(self, name: KeyT) -> Any:
        return self._call(None, "LLEN", name)

    def lindex(self, name: KeyT, index: int) -> Any:
        return self._call(None, "LINDEX", name, index)

    def lset(self, name: KeyT, index: int, value: ValueT) -> Any:
        return self._call(replies.ok, "LSET", name, index, value)

    def lrem(self, name: KeyT, count: int, value: ValueT) -> Any:
        return self._call(None, "LREM", name, count, value)

    def ltrim(self, name: KeyT, start: int, end: int) -> Any:
        return self._call(replies.ok, "LTRIM", name, start, end)

    def linsert(self, name: KeyT, where: str, refvalue: ValueT, value: ValueT) -> Any:
        return self._call(None, "LINSERT", name, where, refvalue, value)

    def blpop(self, keys: Union[KeyT, Sequence[KeyT]], timeout: Seconds = 0) -> Any:
        """(key, value) from the first non-empty list, waiting up to timeout seconds (0 = forever);
        None on timeout."""
        return self._call_blocking(_timeout(timeout), replies.key_value_pair, "BLPOP", *_keys(keys), _timeout(timeout))

    def brpop(self, keys: Union[KeyT, Sequence[KeyT]], timeout: Seconds = 0) -> Any:
        return self._call_blocking(_timeout(timeout), replies.key_value_pair, "BRPOP", *_keys(keys), _timeout(timeout))

    def lmove(self, first_list: KeyT, second_list: KeyT, src: str = "LEFT", dest: str = "RIGHT") -> Any:
        return self._call(None, "LMOVE", first_list, second_list, src, dest)

    def blmove(self, first_list: KeyT, second_list: KeyT, timeout: Seconds = 0,
               src: str = "LEFT", dest: str = "RIGHT") -> Any:
        return self._call_blocking(_timeout(timeout), None, "BLMOVE", first_list, second_list, src, dest, _timeout(timeout))

    # ----------------------------------------------------------------------- sets
    def sadd(self, name: KeyT, *values: ValueT) -> Any:
        return self._call(None, "SADD", name, *values)

    def srem(self, name: KeyT, *values: ValueT) -> Any:
        return self._call(None, "SREM", name, *values)

    def smembers(self, name: KeyT) -> Any:
        return self._call(replies.to_set, "SMEMBERS", name)

    def sismember(self, name: KeyT, value: ValueT) -> Any:
        return self._call(replies.to_bool, "SISMEMBER", name, value)

    def smismember(self, name: KeyT, values: Sequence[ValueT], *args: ValueT) -> Any:
        return self._call(lambda r: [bool(x) for x in r], "SMISMEMBER", name, *_keys(values, args))

    def scard(self, name: KeyT) -> Any:
        return self._call(None, "SCARD", name)

    def sinter(self, keys: Union[KeyT, Sequence[KeyT]], *args: KeyT) -> Any:
        return self._call(replies.to_set, "SINTER", *_keys(keys, args))

    def sunion(self, keys: Union[KeyT, Sequence[KeyT]], *args: KeyT) -> Any:
        return self._call(replies.to_set, "SUNION", *_keys(keys, args))

    def sdiff(self, keys: Union[KeyT, Sequence[KeyT]], *args: KeyT) -> Any:
        return self._call(replies.to_set, "SDIFF", *_keys(keys, args))

    # ----------------------------------------------------------------------- hashes
    def hset(self, name: KeyT, key: Optional[KeyT] = None, value: Optional[ValueT] = None,
             mapping: Optional[Mapping[KeyT, ValueT]] = None) -> Any:
        """Set one field and/or every field of mapping; returns how many fields were new."""
        pairs: List[Any] = []
        if key is not None:
            if value is None:
                raise DataError("hset needs a value for the field")
            pairs += [key, value]
        for item in (mapping or {}).items():
            pairs += list(item)
        if not pairs:
            raise DataError("hset needs a key/value pair or a mapping")
        return self._call(None, "HSET", name, *pairs)

    def hsetnx(self, name: KeyT, key: KeyT, value: ValueT) -> Any:
        return self._call(replies.to_bool, "HSETNX", name, key, value)

    def hget(self, name: KeyT, key: KeyT) -> Any:
        return self._call(None, "HGET", name, key)

    def hmget(self, name: KeyT, keys: Union[KeyT, Sequence[KeyT]], *args: KeyT) -> Any:
        return self._call(None, "HMGET", name, *_keys(keys, args))

    def hgetall(self, name: KeyT) -> Any:
        return self._call(replies.to_dict, "HGETALL", name)

    def hdel(self, name: KeyT, *keys: KeyT) -> Any:
        return self._call(None, "HDEL", name, *keys)

    def hincrby(self, name: KeyT, key: KeyT, amount: int = 1) -> Any:
        return self._call(None, "HINCRBY", name, key, amount)

    def hincrbyfloat(self, name: KeyT, key: KeyT, amount: float = 1.0) -> Any:
        return self._call(replies.to_float, "HINCRBYFLOAT", name, key, amount)

    def hkeys(self, name: KeyT) -> Any:
        return self._call(None, "HKEYS", name)

    def hvals(self, name: KeyT) -> Any:
        return self._call(None, "HVALS", name)

    def hlen(self, name: KeyT) -> Any:
        return self._call(None, "HLEN", name)

    def hexists(self, name: KeyT, key: KeyT) -> Any:
        return self._call(replies.to_bool, "HEXISTS", name, key)

    # ----------------------------------------------------------------------- sorted sets
    def zadd(self, name: KeyT, mapping: Mapping[ValueT, float], nx: bool = False, xx: bool = False,
             ch: bool = False, incr: bool = False, gt: bool = False, lt: bool = False) -> Any:
        """mapping is {member: score}. Returns the number added (changed with ch); with incr the
        new score as float, or None when NX/XX/GT/LT prevented the update."""
        if not mapping:
            raise DataError("zadd needs at least one member")
        if incr and len(mapping) != 1:
            raise DataError("zadd with incr takes exactly one member")
        _unique(("nx", nx), ("xx", xx))
        _unique(("nx", nx), ("gt", gt), ("lt", lt))
        args: List[Any] = ["ZADD", name] + _flags(nx=nx, xx=xx, gt=gt, lt=lt, ch=ch, incr=incr)
        for member, score in mapping.items():
            args += [score, member]
        return self._call(replies.to_float if incr else None, *args)

    def zrange(self, name: KeyT, start: Any, end: Any, desc: bool = False, withscores: bool = False,
               byscore: bool = False, bylex: bool = False, offset: Optional[int] = None,
               count: Optional[int] = None) -> Any:
        """Members by rank (default), by score or lexicographically; with withscores a list of
        (member, score) pairs. offset/count page through BYSCORE/BYLEX results."""
        _unique(("byscore", byscore), ("bylex", bylex))
        if bylex and withscores:
            raise DataError("withscores cannot be combined with bylex")
        args: List[Any] = ["ZRANGE", name, start, end] + _flags(byscore=byscore, bylex=bylex, rev=desc)
        args += _limit_args(offset, count)
        if withscores:
            args.append("WITHSCORES")
        return self._call(replies.score_pairs if withscores else None, *args)

    def zscore(self, name: KeyT, value: ValueT) -> Any:
        return self._call(replies.to_float, "ZSCORE", name, value)

    def zmscore(self, name: KeyT, members: Sequence[ValueT]) -> Any:
        return self._call(lambda r: [replies.to_float(x) for x in r], "ZMSCORE", name, *members)

    def zincrby(self, name: KeyT, amount: float, value: ValueT) -> Any:
        return self._call(replies.to_float, "ZINCRBY", name, amount, value)

    def zrem(self, name: KeyT, *values: ValueT) -> Any:
        return self._call(None, "ZREM", name, *values)

    def zcard(self, name: KeyT) -> Any:
        return self._call(None, "ZCARD", name)

    def zcount(self, name: KeyT, min: Any, max: Any) -> Any:  # noqa: A002 - Redis's names
        return self._call(None, "ZCOUNT", name, min, max)

    def zrank(self, name: KeyT, value: ValueT) -> Any:
        return self._call(None, "ZRANK", name, value)

    def zrevrank(self, name: KeyT, value: ValueT) -> Any:
        return self._call(None, "ZREVRANK", name, value)

    def zpopmin(self, name: KeyT, count: Optional[int] = None) -> Any:
        """A list of (member, score) pairs, lowest scores first."""
        if count is None:
            return self._call(replies.single_score_pair, "ZPOPMIN", name)
        return self._call(replies.score_pairs, "ZPOPMIN", name, count)

    def zpopmax(self, name: KeyT, count: Optional[int] = None) -> Any:
        if count is None:
            return self._call(replies.single_score_pair, "ZPOPMAX", name)
        return self._call(replies.score_pairs, "ZPOPMAX", name, count)

    # ----------------------------------------------------------------------- JSON (RedisJSON 2.x)
    def json_set(self, key: KeyT, path: str, obj: Any, nx: bool = False, xx: bool = False) -> Any:
        """Store obj (any JSON-serialisable value) at path. True, or None when NX/XX prevented it."""
        _unique(("nx", nx), ("xx", xx))
        return self._call(replies.ok_or_none, "JSON.SET", key, path, json.dumps(obj), *_flags(nx=nx, xx=xx))

    def json_get(self, key: KeyT, *paths: str) -> Any:
        """The value(s) at paths as Python objects. A JSONPath ($...) yields a list of matches;
        several paths yield a dict keyed by path; a missing key yields None."""
        return self._call(replies.json_value, "JSON.GET", key, *paths)

    def json_del(self, key: KeyT, path: str = "$") -> Any:
        return self._call(None, "JSON.DEL", key, path)

    def json_type(self, key: KeyT, path: Optional[str] = None) -> Any:
        return self._call(None, "JSON.TYPE", key, *([] if path is None else [path]))

    def json_mget(self, keys: Sequence[KeyT], path: str) -> Any:
        return self._call(replies.json_values, "JSON.MGET", *keys, path)

    def json_arrappend(self, key: KeyT, path: str, *objs: Any) -> Any:
        return self._call(None, "JSON.ARRAPPEND", key, path, *[json.dumps(o) for o in objs])

    def json_numincrby(self, key: KeyT, path: str, number: Union[int, float]) -> Any:
        """The new value: a list of numbers for a JSONPath, a single number for a legacy path."""
        return self._call(replies.json_value, "JSON.NUMINCRBY", key, path, number)

    # ----------------------------------------------------------------------- streams
    def xadd(self, name: KeyT, fields: Mapping[KeyT, ValueT], id: str = "*",  # noqa: A002
             maxlen: Optional[int] = None, approximate: bool = True, nomkstream: bool = False,
             minid: Optional[str] = None, limit: Optional[int] = None) -> Any:
        """Append an entry and return its id (None with nomkstream when the stream is missing)."""
        if not fields:
            raise DataError("xadd needs at least one field")
        args: List[Any] = ["XADD", name] + _flags(nomkstream=nomkstream)
        args += _trim_args(maxlen, minid, approximate, limit) + [id]
        for pair in fields.items():
            args += list(pair)
        return self._call(None, *args)

    def xrange(self, name: KeyT, min: str = "-", max: str = "+",  # noqa: A002
               count: Optional[int] = None) -> Any:
        """[(id, {field: value}), ...] oldest first."""
        args = ["XRANGE", name, min, max] + ([] if count is None else ["COUNT", count])
        return self._call(replies.stream_entries, *args)

    def xrevrange(self, name: KeyT, max: str = "+", min: str = "-",  # noqa: A002
                  count: Optional[int] = None) -> Any:
        args = ["XREVRANGE", name, max, min] + ([] if count is None else ["COUNT", count])
        return self._call(replies.stream_entries, *args)

    def xlen(self, name: KeyT) -> Any:
        return self._call(None, "XLEN", name)

    def xdel(self, name: KeyT, *ids: str) -> Any:
        return self._call(None, "XDEL", name, *ids)

    def xtrim(self, name: KeyT, maxlen: Optional[int] = None, approximate: bool = True,
              minid: Optional[str] = None, limit: Optional[int] = None) -> Any:
        if maxlen is None and minid is None:
            raise DataError("xtrim needs maxlen or minid")
        return self._call(None, "XTRIM", name, *_trim_args(maxlen, minid, approximate, limit))

    def xread(self, streams: Mapping[KeyT, str], count: Optional[int] = None,
              block: Optional[int] = None) -> Any:
        """streams is {stream: last id seen} ('$' = only new entries). Returns
        {stream: [(id, fields), ...]} for streams with new entries; {} on timeout.
        block is in milliseconds (0 = forever)."""
        args: List[Any] = ["XREAD"]
        if count is not None:
            args += ["COUNT", count]
        if block is not None:
            args += ["BLOCK", block]
        args += _stream_args(streams)
        return self._call_blocking(None if block is None else block / 1000.0, replies.stream_read, *args)

    def xgroup_create(self, name: KeyT, groupname: KeyT, id: str = "$",  # noqa: A002
                      mkstream: bool = False, entries_read: Optional[int] = None) -> Any:
        args: List[Any] = ["XGROUP", "CREATE", name, groupname, id] + _flags(mkstream=mkstream)
        if entries_read is not None:
            args += ["ENTRIESREAD", entries_read]
        return self._call(replies.ok, *args)

    def xgroup_destroy(self, name: KeyT, groupname: KeyT) -> Any:
        return self._call(None, "XGROUP", "DESTROY", name, groupname)

    def xgroup_delconsumer(self, name: KeyT, groupname: KeyT, consumername: KeyT) -> Any:
        return self._call(None, "XGROUP", "DELCONSUMER", name, groupname, consumername)

    def xreadgroup(self, groupname: KeyT, consumername: KeyT, streams: Mapping[KeyT, str],
                   count: Optional[int] = None, block: Optional[int] = None,
                   noack: bool = False) -> Any:
        """streams is {stream: id}; '>' asks for never-delivered entries, an id re-reads this
        consumer's pending ones. Same return shape as xread."""
        args: List[Any] = ["XREADGROUP", "GROUP", groupname, consumername]
        if count is not None:
            args += ["COUNT", count]
        if block is not None:
            args += ["BLOCK", block]
        args += _flags(noack=noack) + _stream_args(streams)
        return self._call_blocking(None if block is None else block / 1000.0, replies.stream_read, *args)

    def xack(self, name: KeyT, groupname: KeyT, *ids: str) -> Any:
        return self._call(None, "XACK", name, groupname, *ids)

    def xpending(self, name: KeyT, groupname: KeyT) -> Any:
        """{'pending': n, 'min': id, 'max': id, 'consumers': [{'name', 'pending'}]}"""
        return self._call(replies.xpending_summary, "XPENDING", name, groupname)

    def xpending_range(self, name: KeyT, groupname: KeyT, min: str = "-", max: str = "+",  # noqa: A002
                       count: int = 10, consumername: Optional[KeyT] = None,
                       idle: Optional[int] = None) -> Any:
        """[{'message_id', 'consumer', 'time_since_delivered', 'times_delivered'}, ...]"""
        args: List[Any] = ["XPENDING", name, groupname]
        if idle is not None:
            args += ["IDLE", idle]
        args += [min, max, count] + ([] if consumername is None else [consumername])
        return self._call(replies.xpending_details, *args)

    def xclaim(self, name: KeyT, groupname: KeyT, consumername: KeyT, min_idle_time: int,
               message_ids: Sequence[str], idle: Optional[int] = None, time: Optional[int] = None,
               retrycount: Optional[int] = None, force: bool = False, justid: bool = False) -> Any:
        """Claimed entries as [(id, fields)], or just their ids with justid."""
        if not message_ids:
            raise DataError("xclaim needs at least one message id")
        args: List[Any] = ["XCLAIM", name, groupname, consumername, min_idle_time] + list(message_ids)
        for option, value in (("IDLE", idle), ("TIME", time), ("RETRYCOUNT", retrycount)):
            if value is not None:
                args += [option, value]
        args += _flags(force=force, justid=justid)
        return self._call(list if justid else replies.stream_entries, *args)

    def xautoclaim(self, name: KeyT, groupname: KeyT, consumername: KeyT, min_idle_time: int,
                   start_id: str = "0-0", count: Optional[int] = None, justid: bool = False) -> Any:
        """(next start id, claimed entries or ids, ids that no longer exist in the stream)."""
        args: List[Any] = ["XAUTOCLAIM", name, groupname, consumername, min_idle_time, start_id]
        if count is not None:
            args += ["COUNT", count]
        args += _flags(justid=justid)
        return self._call(lambda r: replies.xautoclaim(r, justid), *args)

    # ----------------------------------------------------------------------- pub/sub
    def publish(self, channel: KeyT, message: ValueT) -> Any:
        return self._call(None, "PUBLISH", channel, message)

    # ----------------------------------------------------------------------- server
    def ping(self, message: Optional[ValueT] = None) -> Any:
        """True for PONG; the message itself when one is given."""
        if message is None:
            return self._call(lambda r: r in (b"PONG", "PONG"), "PING")
        return self._call(None, "PING", message)

    def echo(self, value: ValueT) -> Any:
        return self._call(None, "ECHO", value)

    def info(self, section: Optional[str] = None, *sections: str) -> Any:
        args = ["INFO"] + ([] if section is None else [section]) + list(sections)
        return self._call(replies.info, *args)

    def dbsize(self) -> Any:
        return self._call(None, "DBSIZE")

    def flushdb(self, asynchronous: bool = False) -> Any:
        return self._call(replies.ok, "FLUSHDB", *(["ASYNC"] if asynchronous else []))

    def flushall(self, asynchronous: bool = False) -> Any:
        return self._call(replies.ok, "FLUSHALL", *(["ASYNC"] if asynchronous else []))

    def config_get(self, pattern: str = "*", *patterns: str) -> Any:
        """{parameter: value}; values are str whatever decode_responses says."""
        def convert(reply: Any) -> Dict[str, Any]:
            return {replies.to_text(k): replies.to_text(v) for k, v in replies.to_dict(reply).items()}
        return self._call(convert, "CONFIG", "GET", pattern, *patterns)

    def config_set(self, name: str, value: ValueT, *more: Any) -> Any:
        return self._call(replies.ok, "CONFIG", "SET", name, value, *more)

    def client_id(self) -> Any:
        return self._call(None, "CLIENT", "ID")

    def command_info(self, *names: str) -> Any:
        """Raw COMMAND INFO reply: one entry per name, None for commands the server lacks."""
        return self._call(None, "COMMAND", "INFO", *names)


class KeyIteration:
    """scan_iter for objects that run commands immediately (not for pipelines)."""

    def scan(self, cursor: int = 0, match: Optional[KeyT] = None, count: Optional[int] = None,
             _type: Optional[str] = None) -> Tuple[int, List[Any]]:
        raise NotImplementedError

    def scan_iter(self, match: Optional[KeyT] = None, count: Optional[int] = None,
                  _type: Optional[str] = None) -> Iterator[Any]:
        """Every key matching, via SCAN (a key may be yielded twice if the keyspace changes)."""
        cursor = None
        while cursor != 0:
            cursor, keys = self.scan(cursor or 0, match=match, count=count, _type=_type)
            yield from keys

