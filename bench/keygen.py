#!/usr/bin/env python3
"""Writes MSET commands (RESP) for `redis-cli --pipe` to stdout.

Keys are redis-benchmark's `key:%012d`, so that `redis-benchmark -t get -r COUNT` afterwards
reads keys that exist. Values:

  small   `value-%08d` (14 bytes): key-count-bound workloads (restart time, memory per key)
  record  a JSON user record of ~300-500 bytes with varied words and numbers, the kind of
          value whose compression ratio is worth knowing (deterministic: seeded)

usage: keygen.py COUNT [--values small|record] [--start N] [--per-command 100]
"""
import argparse
import json
import random
import sys

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
         "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu amber "
         "basalt cedar dune ember fjord granite harbor iris jade kestrel lagoon meadow nectar "
         "orchid pebble quartz raven saffron tundra umber violet willow yarrow zephyr").split()
CITIES = ["Lisbon", "Oslo", "Nairobi", "Lima", "Osaka", "Tallinn", "Quito", "Perth", "Accra", "Porto"]


def small_value(i, rng):
    return b"value-%08d" % i


def record_value(i, rng):
    record = {
        "id": i,
        "name": f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()}",
        "email": f"{rng.choice(WORDS)}.{rng.randrange(10**6)}@example.com",
        "city": rng.choice(CITIES),
        "age": rng.randrange(18, 90),
        "balance": round(rng.uniform(0, 100000), 2),
        "active": rng.random() < 0.8,
        "tags": rng.sample(WORDS, rng.randrange(1, 6)),
        "bio": " ".join(rng.choice(WORDS) for _ in range(rng.randrange(20, 60))),
        "created": 1_600_000_000 + rng.randrange(100_000_000),
    }
    return json.dumps(record, separators=(",", ":")).encode()


def bulk(data):
    return b"$%d\r\n%s\r\n" % (len(data), data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("--values", choices=("small", "record"), default="small")
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--per-command", type=int, default=100)
    args = parser.parse_args()
    value = small_value if args.values == "small" else record_value
    rng = random.Random(42)
    out = sys.stdout.buffer
    end = args.start + args.count
    for first in range(args.start, end, args.per_command):
        last = min(first + args.per_command, end)
        parts = [b"*%d\r\n$4\r\nMSET\r\n" % (1 + 2 * (last - first))]
        for i in range(first, last):
            parts.append(bulk(b"key:%012d" % i))
            parts.append(bulk(value(i, rng)))
        out.write(b"".join(parts))


if __name__ == "__main__":
    main()
