#!/usr/bin/env bash
# bench.sh - DiskDB against Redis, side by side, with redis-benchmark.
#
# usage: bench/bench.sh [options] [--ports DISKDB_PORT REDIS_PORT]
#
# Without --ports it starts both servers itself, each on a free port with a temporary data
# directory, and stops them on exit (also on Ctrl-C or an error):
#   DiskDB  target/diskdb-server.jar (built by ./diskdb if missing or stale), --sync everysec
#   Redis   redis-server with appendonly yes, appendfsync everysec, no RDB snapshots
# so both acknowledge a write once it is in their log, fsynced within a second.
# With --ports it benchmarks two servers already running (A = DiskDB, B = Redis).
#
# For every combination of value size, client count and pipeline depth it runs alternating
# redis-benchmark rounds (A B A B ...) over the chosen commands and prints, per command, the
# median ops/s of each side, their ratio A/B (>1: DiskDB faster) and the median p50/p99
# latencies in ms. It uses the team's ../shared/tools/bench-vs.sh when that is present, else
# the small loop at the end of this file, which prints the same columns.
#
# options:
#   -t TESTS     redis-benchmark test names, comma-separated
#                (default: set,get,incr,lpush,rpush,lpop,sadd,hset,zadd,lrange_100,mset)
#   -d SIZES     value sizes in bytes, comma-separated (default: 64)
#   -c CLIENTS   client counts, comma-separated (default: 50)
#   -P DEPTHS    pipeline depths, comma-separated (default: 1,16)
#   -n N         requests per run (default: 100000)
#   -r N         random keyspace size (redis-benchmark -r; default: 100000)
#   -R ROUNDS    rounds per combination (default: 3)
#   -k           keep the servers' data directories (printed at exit)
#   --ports A B  use running servers: A is DiskDB, B is Redis
#   -h           this help
#
# environment: BENCH_VS  path of bench-vs.sh (default ../shared/tools/bench-vs.sh next to the
#                        repository); empty: use the built-in loop
#
# needs: bash, java 17+ (and mvn to build the jar), redis-server, redis-benchmark, redis-cli, awk
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"

TESTS=set,get,incr,lpush,rpush,lpop,sadd,hset,zadd,lrange_100,mset
SIZES=64 CLIENTS=50 DEPTHS=1,16 N=100000 KEYSPACE=100000 ROUNDS=3 KEEP=0
PORT_A="" PORT_B=""
while [ $# -gt 0 ]; do
    case $1 in
        -t) TESTS=$2; shift 2 ;;
        -d) SIZES=$2; shift 2 ;;
        -c) CLIENTS=$2; shift 2 ;;
        -P) DEPTHS=$2; shift 2 ;;
        -n) N=$2; shift 2 ;;
        -r) KEYSPACE=$2; shift 2 ;;
        -R) ROUNDS=$2; shift 2 ;;
        -k) KEEP=1; shift ;;
        --ports) [ $# -ge 3 ] || { echo "--ports needs two ports" >&2; exit 2; }
                 PORT_A=$2; PORT_B=$3; shift 3 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1 (-h for help)" >&2; exit 2 ;;
    esac
done
for tool in redis-benchmark redis-cli awk; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done

# ---- servers ----------------------------------------------------------------------------
WORK="" DISKDB_PID="" REDIS_PORT_STARTED=""
stop_servers() {
    if [ -n "$REDIS_PORT_STARTED" ]; then
        redis-cli -p "$REDIS_PORT_STARTED" shutdown nosave >/dev/null 2>&1 || true
    fi
    if [ -n "$DISKDB_PID" ] && kill -0 "$DISKDB_PID" 2>/dev/null; then
        kill -TERM "$DISKDB_PID" 2>/dev/null || true
        wait "$DISKDB_PID" 2>/dev/null || true
    fi
    if [ -n "$WORK" ]; then
        if [ "$KEEP" = 1 ]; then echo "data kept in $WORK" >&2; else rm -rf "$WORK"; fi
    fi
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    echo "no free port found" >&2; return 1
}

await_ping() { # PORT NAME LOG
    for _ in $(seq 300); do
        if [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ]; then return 0; fi
        sleep 0.1
    done
    echo "$2 did not answer PING on port $1; its log:" >&2; tail -n 20 "$3" >&2; return 1
}

if [ -z "$PORT_A" ]; then
    command -v redis-server >/dev/null || { echo "missing tool: redis-server" >&2; exit 2; }
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/diskdb-bench.XXXXXX")
    mkdir -p "$WORK/diskdb" "$WORK/redis"
    # build the jar if needed, through the launcher's own staleness check, without starting it
    jar="$repo/target/diskdb-server.jar"
    if [ ! -f "$jar" ] || [ -n "$(find "$repo/src/main" "$repo/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
        echo "building DiskDB..." >&2
        (cd "$repo" && mvn -q -B -DskipTests package >&2)
    fi
    PORT_A=$(free_port)
    java ${DISKDB_JAVA_OPTS:--XX:+UseG1GC -Xms256m} -jar "$jar" --port "$PORT_A" --dir "$WORK/diskdb/data" \
        --sync everysec --loglevel warn > "$WORK/diskdb/log" 2>&1 &
    DISKDB_PID=$!
    PORT_B=$(free_port)
    redis-server --port "$PORT_B" --bind 127.0.0.1 --dir "$WORK/redis" --save '' --appendonly yes \
        --appendfsync everysec --daemonize yes --logfile "$WORK/redis/log" --pidfile "$WORK/redis/pid"
    REDIS_PORT_STARTED=$PORT_B
    await_ping "$PORT_A" DiskDB "$WORK/diskdb/log"
    await_ping "$PORT_B" redis-server "$WORK/redis/log"
fi
echo "A = DiskDB 127.0.0.1:$PORT_A    B = Redis $(redis-cli -p "$PORT_B" info server | tr -d '\r' | awk -F: '/^redis_version/{print $2}') 127.0.0.1:$PORT_B"

# ---- the alternating rounds -------------------------------------------------------------
# own_rounds PIPELINE CLIENTS SIZE: the fallback when bench-vs.sh is not there
own_rounds() {
    local pipe=$1 clients=$2 size=$3 raw round t side port
    raw=$(mktemp "${TMPDIR:-/tmp}/diskdb-bench-rows.XXXXXX")
    IFS=, read -r -a tests <<< "$TESTS"
    for round in $(seq "$ROUNDS"); do
        for t in "${tests[@]}"; do
            for side in A B; do
                port=PORT_$side; port=${!port}
                # "NAME","rps","avg","min","p50","p95","p99","max" -> side test rps p50 p99
                redis-benchmark -p "$port" -c "$clients" -P "$pipe" -d "$size" -r "$KEYSPACE" -n "$N" -t "$t" -q --csv \
                    2>/dev/null < /dev/null | awk -F'","' -v s="$side" '
                        /^"test"/ || /needed to benchmark/ { next }
                        { name = $1; sub(/^"/, "", name); sub(/ .*/, "", name); print s, name, $2 + 0, $5 + 0, $7 + 0 }' >> "$raw" || true
            done
        done
    done
    awk '
        function median(list,   a, n, i, j, x) {
            n = split(list, a, " "); if (n == 0) return 0
            for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > x + 0; j--) a[j + 1] = a[j]; a[j + 1] = x }
            return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        { if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 }
          rps[$1, $2] = rps[$1, $2] " " $3; p50[$1, $2] = p50[$1, $2] " " $4; p99[$1, $2] = p99[$1, $2] " " $5 }
        END {
            printf "%-14s %12s %12s %7s %8s %8s %8s %8s\n", "test", "A rps", "B rps", "A/B", "A p50ms", "A p99ms", "B p50ms", "B p99ms"
            for (i = 1; i <= k; i++) {
                t = order[i]; a = median(rps["A", t]); b = median(rps["B", t])
                printf "%-14s %12.0f %12.0f %7s %8.3f %8.3f %8.3f %8.3f\n", t, a, b, (a > 0 && b > 0) ? sprintf("%.3f", a / b) : "-",
                    median(p50["A", t]), median(p99["A", t]), median(p50["B", t]), median(p99["B", t])
            }
        }' "$raw"
    rm -f "$raw"
}

shared="${BENCH_VS-$repo/../shared/tools/bench-vs.sh}"
IFS=, read -r -a sizes <<< "$SIZES"
IFS=, read -r -a clients_list <<< "$CLIENTS"
IFS=, read -r -a depths <<< "$DEPTHS"
for size in "${sizes[@]}"; do
    for clients in "${clients_list[@]}"; do
        for pipe in "${depths[@]}"; do
            echo
            echo "== -d $size -c $clients -P $pipe -n $N -r $KEYSPACE, $ROUNDS rounds, median"
            if [ -n "$shared" ] && [ -f "$shared" ]; then
                bash "$shared" -l -c "$clients" -d "$size" -r "$KEYSPACE" -R "$ROUNDS" \
                    "$PORT_A" "$PORT_B" "$TESTS" "$pipe" "$N" | sed 1d
            else
                own_rounds "$pipe" "$clients" "$size"
            fi
        done
    done
done
