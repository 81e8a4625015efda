#!/usr/bin/env bash
# Scale measurements on one machine: restart time and footprint against Redis, larger-than-
# memory reads, and disk use per compression choice. Each prints the lines that
# docs/benchmarks.md quotes; run on a quiet machine.
#
#   bench/scale.sh restart COUNT        load COUNT keys into DiskDB and into Redis (AOF, then
#                                       RDB): load rate, restart-to-PONG, disk, memory
#   bench/scale.sh larger COUNT         DiskDB alone with a 1 GB heap and a 64 MB hot cache:
#                                       load COUNT keys, restart, random GETs over all of them
#   bench/scale.sh confined COUNT MB    after `larger COUNT`: restart that data in a memory cgroup of
#                                       MB (process + its page cache; root, cgroup v1 or v2) with
#                                       a 512 MB heap, page cache dropped first, random GETs
#   bench/scale.sh compression MB       MB of JSON records under none/snappy/lz4/zstd: data-file
#                                       size as written and after COMPACT
#
# Environment: SCALE_DIR (scratch, default /tmp/diskdb-scale), SCALE_PORT (default 46380).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../target/diskdb-server.jar"
scratch="${SCALE_DIR:-/tmp/diskdb-scale}"
port="${SCALE_PORT:-46380}"
server_pid=""

cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -9 "$server_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

wait_for_pong() {
    until redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; do
        kill -0 "$server_pid" 2>/dev/null || { echo "server exited during start-up" >&2; exit 1; }
        sleep 0.01
    done
}

# Starts a server in the background; start_ms is the time until it answered PING.
start_ms=0
start_timed() {
    local started
    started=$(now_ms)
    "$@" >>"$scratch/server.log" 2>&1 &
    server_pid=$!
    wait_for_pong
    start_ms=$(($(now_ms) - started))
}

start_diskdb() {
    local heap=$1 data=$2
    shift 2
    start_timed java -XX:+UseG1GC "-Xmx$heap" -jar "$jar" --port "$port" --dir "$data" "$@"
}

start_redis() {
    start_timed redis-server --port "$port" --dir "$1" --save '' "${@:2}"
}

stop_server() {
    redis-cli -p "$port" shutdown >/dev/null 2>&1 || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$server_pid/status"; }
disk_mb() { du -sm "$1" | cut -f1; }
info_field() { redis-cli -p "$port" info "$1" | tr -d '\r' | awk -F: -v f="$2" '$1 == f {print $2}'; }

# Loads keys and prints "<seconds> <keys/s>".
load_keys() {
    local count=$1 values=$2 started elapsed
    started=$(now_ms)
    python3 "$here/keygen.py" "$count" --values "$values" | redis-cli -p "$port" --pipe >"$scratch/pipe.log"
    elapsed=$(($(now_ms) - started))
    echo "$((elapsed / 1000)).$(((elapsed % 1000) / 100)) s, $((count * 1000 / (elapsed > 0 ? elapsed : 1))) keys/s"
}

fresh() {
    rm -rf "$scratch/$1"
    mkdir -p "$scratch/$1"
    echo "$scratch/$1"
}

restart() {
    local count=$1 data ms
    echo "== restart time, $count keys (key:%012d -> value-%08d), MSETs of 100 via redis-cli --pipe"
    data=$(fresh diskdb)
    start_diskdb 4g "$data" --cache-max-memory 256mb
    echo "DiskDB load: $(load_keys "$count" small); dbsize $(redis-cli -p "$port" dbsize)"
    echo "DiskDB after load: RSS $(rss_mb) MB, hot cache $(info_field diskdb cache_entries) keys in $(info_field diskdb cache_used_bytes) bytes"
    stop_server
    echo "DiskDB on disk after shutdown: $(disk_mb "$data") MB"
    start_diskdb 4g "$data" --cache-max-memory 256mb; ms=$start_ms
    echo "DiskDB restart to PONG after SHUTDOWN: $ms ms (dbsize $(redis-cli -p "$port" dbsize), RSS $(rss_mb) MB)"
    kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true
    start_diskdb 4g "$data" --cache-max-memory 256mb; ms=$start_ms
    echo "DiskDB restart to PONG after kill -9: $ms ms (dbsize $(redis-cli -p "$port" dbsize))"
    stop_server

    data=$(fresh redis)
    start_redis "$data" --appendonly yes --appendfsync everysec
    echo "Redis load: $(load_keys "$count" small); dbsize $(redis-cli -p "$port" dbsize)"
    echo "Redis after load: RSS $(rss_mb) MB, used_memory $(info_field memory used_memory_human)"
    stop_server
    echo "Redis AOF on disk: $(disk_mb "$data") MB"
    start_redis "$data" --appendonly yes --appendfsync everysec; ms=$start_ms
    echo "Redis restart to PONG from AOF: $ms ms (dbsize $(redis-cli -p "$port" dbsize))"
    redis-cli -p "$port" save >/dev/null
    stop_server
    rm -rf "$data/appendonlydir"
    echo "Redis RDB on disk: $(disk_mb "$data") MB"
    start_redis "$data" --appendonly no; ms=$start_ms
    echo "Redis restart to PONG from RDB: $ms ms (dbsize $(redis-cli -p "$port" dbsize))"
    stop_server
}

larger() {
    local count=$1 data ms peak=0 rss
    echo "== larger than memory: $count keys, DiskDB with -Xmx1g and a 64 MB hot cache (block cache 128 MB)"
    data=$(fresh larger)
    start_diskdb 1g "$data" --cache-max-memory 64mb
    load_keys "$count" small >"$scratch/load.out" &
    local loader=$!
    while kill -0 "$loader" 2>/dev/null; do
        rss=$(rss_mb); [ "$rss" -gt "$peak" ] && peak=$rss
        sleep 5
    done
    wait "$loader"
    echo "load: $(cat "$scratch/load.out"); dbsize $(redis-cli -p "$port" dbsize); peak RSS during load $peak MB"
    redis-cli -p "$port" compact >/dev/null
    while [ "$(info_field diskdb manual_compaction_in_progress)" = "1" ]; do sleep 2; done
    echo "on disk after COMPACT: $(disk_mb "$data") MB ($(info_field diskdb rocksdb_total_sst_files_size) bytes of data files)"
    stop_server
    start_diskdb 1g "$data" --cache-max-memory 64mb; ms=$start_ms
    echo "restart to PONG: $ms ms; RSS $(rss_mb) MB"
    for round in 1 2; do
        redis-benchmark -p "$port" -t get -r "$count" -n 1000000 -c 50 -q --precision 2 2>/dev/null | tr '\r' '\n' | grep -a "requests per second" | tail -1 | sed "s/^/random GET round $round: /"
        echo "  RSS $(rss_mb) MB, hot cache hit rate $(info_field diskdb cache_hit_rate)"
    done
    redis-benchmark -p "$port" -t get -r "$count" -n 500000 -c 50 --precision 2 2>/dev/null | tr '\r' '\n' \
        | grep -a -A12 "latency summary" | sed 's/^/  /'
    stop_server
}

# Runs the larger-than-memory data in a memory cgroup, so that the data files cannot all sit in
# the page cache: the reads then really go to the disk.
confined() {
    local count=$1 limit_mb=$2 data="$scratch/larger" cgroup
    [ -d "$data" ] || { echo "run 'bench/scale.sh larger $count' first" >&2; exit 1; }
    if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
        cgroup=/sys/fs/cgroup/diskdb-scale
        mkdir -p "$cgroup"
        echo "$((limit_mb * 1048576))" >"$cgroup/memory.max"
    else
        cgroup=/sys/fs/cgroup/memory/diskdb-scale
        mkdir -p "$cgroup"
        echo "$((limit_mb * 1048576))" >"$cgroup/memory.limit_in_bytes"
    fi
    echo "== $count keys read in a ${limit_mb} MB memory cgroup (heap 512 MB, hot cache 64 MB, data files $(disk_mb "$data") MB)"
    sync
    echo 3 >/proc/sys/vm/drop_caches
    start_timed sh -c "echo \$\$ >$cgroup/cgroup.procs; exec java -XX:+UseG1GC -Xmx512m -jar $jar --port $port --dir $data --cache-max-memory 64mb"
    echo "restart to PONG: $start_ms ms"
    vmstat 10 2 | tail -1 | awk '{print "  (machine before reading: bi " $9 " KB/s)"}'
    for round in 1 2 3; do
        redis-benchmark -p "$port" -t get -r "$count" -n 300000 -c 50 -q 2>/dev/null | tr '\r' '\n' | grep -a "requests per second" | tail -1 | sed "s/^/random GET round $round: /"
    done
    vmstat 5 2 | tail -1 | awk '{print "  disk reads while reading: " $9 " KB/s"}' &
    local sampler=$!
    redis-benchmark -p "$port" -t get -r "$count" -n 300000 -c 50 --precision 2 2>/dev/null | tr '\r' '\n' \
        | grep -a -A2 "latency summary" | sed 's/^/  /'
    wait "$sampler"
    echo "  RSS $(rss_mb) MB"
    stop_server
    rmdir "$cgroup" 2>/dev/null || true
}

compression() {
    local mb=$1 records kind data written
    # a record averages ~470 bytes with its key and MSET framing: size the load to MB of values
    records=$((mb * 1024 * 1024 / 460))
    echo "== $mb MB of JSON records ($records keys) per compression choice"
    for kind in none snappy lz4 zstd; do
        data=$(fresh "compression-$kind")
        start_diskdb 2g "$data" --compression "$kind" --cache-max-memory 64mb
        load_keys "$records" record >/dev/null
        # a restart replays the WAL into data files, so all the data is in them when measured
        stop_server
        start_diskdb 2g "$data" --compression "$kind"
        written=$(info_field diskdb rocksdb_total_sst_files_size)
        redis-cli -p "$port" compact >/dev/null
        while [ "$(info_field diskdb manual_compaction_in_progress)" = "1" ]; do sleep 1; done
        echo "$kind: data files as flushed $((written / 1048576)) MB, after COMPACT $(($(info_field diskdb rocksdb_total_sst_files_size) / 1048576)) MB, dir $(disk_mb "$data") MB"
        stop_server
    done
}

mkdir -p "$scratch"
[ -f "$jar" ] || (cd "$here/.." && mvn -q -B -DskipTests package)
case "${1:-}" in
    restart) restart "${2:-10000000}" ;;
    larger) larger "${2:-50000000}" ;;
    confined) confined "${2:-50000000}" "${3:-900}" ;;
    compression) compression "${2:-1024}" ;;
    *) sed -n '2,17p' "$0"; exit 2 ;;
esac
