#!/usr/bin/env bash
# Master throughput with 0, 1 and 2 replicas attached, and replication lag under SET load.
# Starts a master and two replicas (free ports, temporary data directories), stops them on exit.
#
#   bench/replication.sh [-n REQUESTS] [-c CLIENTS] [-R ROUNDS] [-s LAG_SECONDS] [-l LOAD_CLIENTS]
# The lag is measured while redis-benchmark SETs with LOAD_CLIENTS clients (default: CLIENTS).
set -euo pipefail
cd "$(dirname "$0")/.."
N=200000; C=50; R=3; LAG_SECONDS=10; L=
while getopts "n:c:R:s:l:" opt; do
    case $opt in
        n) N=$OPTARG ;; c) C=$OPTARG ;; R) R=$OPTARG ;; s) LAG_SECONDS=$OPTARG ;; l) L=$OPTARG ;;
        *) echo "usage: $0 [-n requests] [-c clients] [-R rounds] [-s lag seconds] [-l load clients]" >&2; exit 2 ;;
    esac
done
L=${L:-$C}
JAR=target/diskdb-server.jar
[ -f "$JAR" ] || mvn -o -q package -DskipTests
WORK=$(mktemp -d /tmp/diskdb-repl-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { # name port [flags...]
    local name=$1 port=$2; shift 2
    java -jar "$JAR" --port "$port" --dir "$WORK/$name" "$@" > "$WORK/$name.log" 2>&1 &
    PIDS+=($!)
    until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
}
await_link() { until redis-cli -p "$1" info replication | grep -q master_link_status:up; do sleep 0.1; done; }
set_rps() { # median SET requests/s of R rounds against port $1
    for _ in $(seq "$R"); do
        redis-benchmark -p "$1" -t set -n "$N" -c "$C" -r 100000 -q 2>/dev/null | tr '\r' '\n' | grep -o 'SET: [0-9.]* requests per second' | awk '{print $2}'
    done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
MASTER=$(free_port); R1=$(free_port); R2=$(free_port)
start master "$MASTER"
echo "replicas 0: SET $(set_rps "$MASTER") requests/s (median of $R, -c $C -n $N -r 100000)"
start r1 "$R1" --replicaof "127.0.0.1:$MASTER"; await_link "$R1"
echo "replicas 1: SET $(set_rps "$MASTER") requests/s"
redis-benchmark -p "$MASTER" -t set -n 100000000 -c "$L" -r 100000 -q >/dev/null 2>&1 & LOAD=$!
echo "lag, 1 replica under SET load ($L clients): $(python3 bench/replication-lag.py "$MASTER" "$R1" "$LAG_SECONDS")"
kill $LOAD; wait $LOAD 2>/dev/null || true
start r2 "$R2" --replicaof "127.0.0.1:$MASTER"; await_link "$R2"
echo "replicas 2: SET $(set_rps "$MASTER") requests/s"
redis-benchmark -p "$MASTER" -t set -n 100000000 -c "$L" -r 100000 -q >/dev/null 2>&1 & LOAD=$!
echo "lag, 2 replicas under SET load ($L clients, measured on the second): $(python3 bench/replication-lag.py "$MASTER" "$R2" "$LAG_SECONDS")"
kill $LOAD; wait $LOAD 2>/dev/null || true
redis-cli -p "$MASTER" info replication | grep -E '^(slave[0-9]|master_repl_offset)'
