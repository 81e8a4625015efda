#!/usr/bin/env python3
"""Replication lag as a client sees it: SET a probe key on the master, then poll a replica until
the value is there. Lag = time from the master's reply to the value being readable on the replica.
Run it while a load generator (redis-benchmark) writes to the master.

usage: replication-lag.py MASTER_PORT REPLICA_PORT SECONDS
"""
import socket
import sys
import time


def connect(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s, s.makefile("rb")


def call(conn, *args):
    s, f = conn
    s.sendall(("*%d\r\n" % len(args) + "".join("$%d\r\n%s\r\n" % (len(a), a) for a in args)).encode())
    line = f.readline()
    if line.startswith(b"$"):
        n = int(line[1:])
        if n < 0:
            return None
        data = f.read(n + 2)[:-2]
        return data.decode()
    return line.strip().decode()


def main():
    master, replica, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    m, r = connect(master), connect(replica)
    lags = []
    end = time.time() + seconds
    i = 0
    while time.time() < end:
        i += 1
        value = str(i)
        call(m, "SET", "lag:probe", value)
        acked = time.perf_counter()
        while call(r, "GET", "lag:probe") != value:
            pass
        lags.append((time.perf_counter() - acked) * 1000)
        time.sleep(0.01)
    lags.sort()
    pick = lambda q: lags[min(len(lags) - 1, int(q * len(lags)))]
    print("probes %d  lag ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f"
          % (len(lags), pick(0.5), pick(0.9), pick(0.99), lags[-1]))


if __name__ == "__main__":
    main()
