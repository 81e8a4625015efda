"""Reply conversions shared by the typed commands. Each accepts both the RESP2 and the RESP3
shape of a reply, so typed methods return the same Python types whatever the protocol."""
import json
from typing import Any, Dict, List, Optional, Set, Tuple, Union

Text = Union[bytes, str]


def ok(reply: Any) -> bool:
    return reply in (b"OK", "OK")


def ok_or_none(reply: Any) -> Optional[bool]:
    """SET ... NX/XX and JSON.SET ... NX/XX answer nil when the condition was not met."""
    return None if reply is None else ok(reply)


def to_bool(reply: Any) -> bool:
    return bool(reply)


def to_float(reply: Any) -> Optional[float]:
    return None if reply is None else float(reply)


def to_text(reply: Any) -> Optional[str]:
    if isinstance(reply, bytes):
        return reply.decode("utf-8", errors="replace")
    return reply


def to_set(reply: Any) -> Set[Any]:
    return set() if reply is None else set(reply)


def to_dict(reply: Any) -> Dict[Any, Any]:
    """A RESP3 map, or a RESP2 flat [k1, v1, k2, v2, ...] array."""
    if reply is None:
        return {}
    if isinstance(reply, dict):
        return reply
    return dict(zip(reply[::2], reply[1::2]))


def score_pairs(reply: Any) -> List[Tuple[Any, float]]:
    """Members with scores: RESP3 nests [member, score] pairs, RESP2 flattens them."""
    if not reply:
        return []
    if isinstance(reply[0], list):
        return [(member, float(score)) for member, score in reply]
    return [(member, float(score)) for member, score in zip(reply[::2], reply[1::2])]


def single_score_pair(reply: Any) -> List[Tuple[Any, float]]:
    """ZPOPMIN without COUNT: a bare [member, score] (RESP2 and RESP3), or empty."""
    if not reply:
        return []
    if isinstance(reply[0], list):
        return score_pairs(reply)
    return [(reply[0], float(reply[1]))]


def key_value_pair(reply: Any) -> Optional[Tuple[Any, Any]]:
    """BLPOP/BRPOP: [key, value] or nil on timeout."""
    return None if reply is None else (reply[0], reply[1])


StreamEntry = Tuple[Any, Optional[Dict[Any, Any]]]


def stream_entries(reply: Any) -> List[StreamEntry]:
    """[[id, [field, value, ...]], ...]; a deleted entry still pending in a group has nil fields."""
    if not reply:
        return []
    return [(entry_id, None if fields is None else to_dict(fields)) for entry_id, fields in reply]


def stream_read(reply: Any) -> Dict[Any, List[StreamEntry]]:
    """XREAD/XREADGROUP: RESP3 map or RESP2 [[stream, entries], ...]; nil (timeout) -> {}."""
    if reply is None:
        return {}
    items = reply.items() if isinstance(reply, dict) else reply
    return {stream: stream_entries(entries) for stream, entries in items}


def xpending_summary(reply: Any) -> Dict[str, Any]:
    count, lowest, highest, consumers = reply
    return {
        "pending": count,
        "min": lowest,
        "max": highest,
        "consumers": [{"name": name, "pending": int(pending)} for name, pending in (consumers or [])],
    }


def xpending_details(reply: Any) -> List[Dict[str, Any]]:
    return [{"message_id": entry_id, "consumer": consumer, "time_since_delivered": idle,
             "times_delivered": deliveries} for entry_id, consumer, idle, deliveries in reply]


def xautoclaim(reply: Any, justid: bool) -> Tuple[Any, List[Any], List[Any]]:
    """(next start id, claimed entries or ids, ids deleted from the stream meanwhile)."""
    next_id, claimed = reply[0], reply[1]
    deleted = reply[2] if len(reply) > 2 else []
    return next_id, (list(claimed) if justid else stream_entries(claimed)), list(deleted)


def json_value(reply: Any) -> Any:
    if reply is None:
        return None
    return json.loads(reply)


def json_values(reply: Any) -> List[Any]:
    return [json_value(item) for item in reply]


def info(reply: Any) -> Dict[str, Any]:
    """Parse INFO text like redis-py: numbers become int/float, 'a=1,b=2' values become dicts."""
    text = reply.decode("utf-8", errors="replace") if isinstance(reply, bytes) else reply
    result: Dict[str, Any] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if ":" not in line:
            result.setdefault("__raw__", []).append(line)
            continue
        key, value = line.split(":", 1)
        result[key] = _info_value(value)
    return result


def _info_value(value: str) -> Any:
    if "," not in value and "=" not in value:
        return _number_or_text(value)
    if "=" not in value:
        return value
    parsed: Dict[str, Any] = {}
    for item in value.split(","):
        if "=" in item:
            name, sub = item.split("=", 1)
            parsed[name] = _number_or_text(sub)
    return parsed


def _number_or_text(value: str) -> Any:
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value) if "." in value else value
    except ValueError:
        return value
