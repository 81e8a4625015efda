#!/usr/bin/python3
"""Dumps the command table of a running Redis 7 server (COMMAND + COMMAND DOCS) as JSON.

DiskDB's command table (src/main/resources/commands/redis-commands.json) is generated with
this script from the redis-server of Debian's package, so that arity, flags, key positions,
ACL categories and documentation match Redis exactly:

    redis-server --port 6399 --save '' --daemonize yes
    tools/dump-redis-commands.py 6399 > src/main/resources/commands/redis-commands.json

Only the standard library is used: the replies are read as raw RESP3 so that nothing is
lost in a client library's conversions.
"""
import json
import socket
import sys


class Resp3Reader:
    def __init__(self, sock):
        self.file = sock.makefile("rb")

    def line(self):
        return self.file.readline()[:-2].decode()

    def read(self):
        kind = self.file.read(1).decode()
        body = self.line()
        if kind in "+":
            return body
        if kind == "-":
            raise RuntimeError(body)
        if kind == ":":
            return int(body)
        if kind in "$=":
            data = self.file.read(int(body) + 2)[:-2].decode()
            return data[4:] if kind == "=" else data
        if kind in "*~>":
            return [self.read() for _ in range(int(body))]
        if kind == "%":
            items = {}
            for _ in range(int(body)):
                key = self.read()
                items[key] = self.read()
            return items
        if kind == "_":
            return None
        if kind == "#":
            return body == "t"
        if kind == ",":
            return float(body)
        raise RuntimeError("unexpected RESP type " + kind)


def command(sock, reader, *args):
    payload = "*%d\r\n" % len(args) + "".join("$%d\r\n%s\r\n" % (len(a), a) for a in args)
    sock.sendall(payload.encode())
    return reader.read()


def info_entry(entry):
    name, arity, flags, first, last, step, categories, tips, key_specs, subcommands = entry
    spec = {
        "arity": arity,
        "flags": flags,
        "first_key": first,
        "last_key": last,
        "step": step,
        "acl_categories": categories,
        "tips": tips,
        "key_specs": key_specs,
    }
    if subcommands:
        spec["subcommands"] = {sub[0]: info_entry(sub) for sub in subcommands}
    return spec


def attach_docs(spec, docs):
    doc = dict(docs)
    sub_docs = doc.pop("subcommands", {}) or {}
    spec["docs"] = doc
    for name, sub in spec.get("subcommands", {}).items():
        if name in sub_docs:
            attach_docs(sub, sub_docs[name])


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 6379
    sock = socket.create_connection(("127.0.0.1", port))
    reader = Resp3Reader(sock)
    command(sock, reader, "HELLO", "3")
    table = {entry[0]: info_entry(entry) for entry in command(sock, reader, "COMMAND")}
    docs = command(sock, reader, "COMMAND", "DOCS")
    for name, spec in table.items():
        if name in docs:
            attach_docs(spec, docs[name])
    json.dump(dict(sorted(table.items())), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
