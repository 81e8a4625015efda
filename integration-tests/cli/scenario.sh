#!/usr/bin/env bash
# The interoperability scenario (../SCENARIO.md) through redis-cli. Replies are compared in
# redis-cli's typed output (--no-raw: "(integer) 3", "\"12\"", "(nil)"), so a string where an
# integer belongs fails.
#
#   DISKDB_PORT=6380 ./scenario.sh
set -uo pipefail

host=${DISKDB_HOST:-127.0.0.1}
port=${DISKDB_PORT:-6380}
prefix="it:cli:$RANDOM$RANDOM:"
work=$(mktemp -d "${TMPDIR:-/tmp}/diskdb-interop-cli.XXXXXX")
passed=0 failed=0 skipped=0
keys=()
background=()

cleanup() {
  local pid
  for pid in "${background[@]}"; do kill "$pid" 2>/dev/null; done
  exec 4>&- 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

cli() {
  # REDISCLI_AUTH rather than -a: no password on the command line, no warning.
  if [ -n "${DISKDB_PASSWORD:-}" ]; then export REDISCLI_AUTH=$DISKDB_PASSWORD; fi
  timeout 15 redis-cli -h "$host" -p "$port" --no-raw "$@" 2>&1
}

key() {   # key NAME -> sets $k to the prefixed key and remembers it for the cleanup
  k=$prefix$1
  keys+=("$k")
}

check() {   # check PART WHAT GOT WANT
  if [ "$3" = "$4" ]; then
    passed=$((passed + 1))
    echo "PASS $1: $2"
  else
    failed=$((failed + 1))
    echo "FAIL $1: $2: got $(printf %q "$3"), want $(printf %q "$4")"
  fi
}

part() {   # part NAME FUNCTION COMMAND...
  local name=$1 body=$2 command missing=()
  shift 2
  for command in "$@"; do
    [ "$(cli COMMAND INFO "$command")" = "1) (nil)" ] && missing+=("${command^^}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    skipped=$((skipped + 1))
    local IFS=,
    echo "SKIP $name: server lacks ${missing[*]}" | sed 's/,/, /g'
    return
  fi
  "$body" "$name"
}

now_ms() { date +%s%3N; }

strings() {
  local p=$1 k gone ttl
  key greeting; key short; gone=$k; k=$prefix"greeting"
  check "$p" "SET EX" "$(cli SET "$k" hello EX 100)" "OK"
  check "$p" "GET" "$(cli GET "$k")" '"hello"'
  ttl=$(cli TTL "$k")
  [[ $ttl =~ ^\(integer\)\ ([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] && [ "${BASH_REMATCH[1]}" -le 100 ] && ttl=ok
  check "$p" "TTL within 1..100" "$ttl" ok
  check "$p" "SET NX on an existing key" "$(cli SET "$k" other NX)" "(nil)"
  check "$p" "SET PX" "$(cli SET "$gone" brief PX 200)" "OK"
  sleep 0.4
  check "$p" "key gone after its PX" "$(cli GET "$gone")" "(nil)"
}

counter() {
  local p=$1 k
  key counter
  check "$p" "INCR x3" "$(cli INCR "$k"; cli INCR "$k"; cli INCR "$k")" $'(integer) 1\n(integer) 2\n(integer) 3'
  check "$p" "INCRBY 10" "$(cli INCRBY "$k" 10)" "(integer) 13"
  check "$p" "DECR" "$(cli DECR "$k")" "(integer) 12"
  check "$p" "GET" "$(cli GET "$k")" '"12"'
}

queue() {
  local p=$1 k start waiter
  key queue
  check "$p" "LPUSH 3 tasks" "$(cli LPUSH "$k" t1 t2 t3)" "(integer) 3"
  check "$p" "BRPOP x3 in FIFO order" "$(cli BRPOP "$k" 1; cli BRPOP "$k" 1; cli BRPOP "$k" 1)" \
    "1) \"$k\""$'\n'"2) \"t1\""$'\n'"1) \"$k\""$'\n'"2) \"t2\""$'\n'"1) \"$k\""$'\n'"2) \"t3\""
  start=$(now_ms)
  check "$p" "BRPOP on an empty list times out with nil" "$(cli BRPOP "$k" 1)" "(nil)"
  check "$p" "BRPOP waited its timeout" "$(( $(now_ms) - start >= 900 ))" 1
  cli BRPOP "$k" 5 > "$work/woken" &
  waiter=$!
  sleep 0.2
  cli LPUSH "$k" urgent >/dev/null
  wait "$waiter"
  check "$p" "a blocked BRPOP is woken by LPUSH" "$(cat "$work/woken")" "1) \"$k\""$'\n'"2) \"urgent\""
}

sets() {
  local p=$1 k s
  key other-tags; local t=$k
  key tags; s=$k
  check "$p" "SADD 3" "$(cli SADD "$s" a b c)" "(integer) 3"
  check "$p" "SADD an existing member" "$(cli SADD "$s" a)" "(integer) 0"
  check "$p" "SISMEMBER" "$(cli SISMEMBER "$s" b)" "(integer) 1"
  check "$p" "SMEMBERS" "$(cli SMEMBERS "$s" | sed 's/^[0-9]*) //' | sort)" $'"a"\n"b"\n"c"'
  check "$p" "SREM" "$(cli SREM "$s" a)" "(integer) 1"
  check "$p" "SCARD" "$(cli SCARD "$s")" "(integer) 2"
  cli SADD "$t" c d >/dev/null
  check "$p" "SINTER" "$(cli SINTER "$s" "$t")" '1) "c"'
}

hash() {
  local p=$1 k
  key user
  check "$p" "HSET 3 fields" "$(cli HSET "$k" name Ada lang Java visits 1)" "(integer) 3"
  check "$p" "HGET" "$(cli HGET "$k" name)" '"Ada"'
  check "$p" "HINCRBY" "$(cli HINCRBY "$k" visits 5)" "(integer) 6"
  # Field order is the server's business: compare the name/value pairs sorted.
  check "$p" "HGETALL" "$(cli HGETALL "$k" | sed 's/^ *[0-9]*) //' | paste -d= - - | sort)" \
    $'"lang"="Java"\n"name"="Ada"\n"visits"="6"'
  check "$p" "HDEL" "$(cli HDEL "$k" lang)" "(integer) 1"
  check "$p" "HLEN" "$(cli HLEN "$k")" "(integer) 2"
}

leaderboard() {
  local p=$1 k
  key leaderboard
  check "$p" "ZADD 3" "$(cli ZADD "$k" 100 alice 250 bob 175 carol)" "(integer) 3"
  check "$p" "ZINCRBY" "$(cli ZINCRBY "$k" 100 alice)" '"200"'
  check "$p" "ZRANGE WITHSCORES" "$(cli ZRANGE "$k" 0 -1 WITHSCORES)" \
    $'1) "carol"\n2) "175"\n3) "alice"\n4) "200"\n5) "bob"\n6) "250"'
  check "$p" "ZREVRANGE top 1" "$(cli ZREVRANGE "$k" 0 0)" '1) "bob"'
  check "$p" "ZRANK" "$(cli ZRANK "$k" alice)" "(integer) 1"
  check "$p" "ZSCORE" "$(cli ZSCORE "$k" carol)" '"175"'
}

json_document() {
  local p=$1 k
  key doc
  # JSON texts compared after python3's json round trip when available, so spacing does not matter.
  normalize() { python3 -c 'import json,sys; print(json.dumps(json.loads(sys.stdin.read())))' 2>/dev/null || cat; }
  json_reply() { cli --raw "$@" | normalize; }
  check "$p" "JSON.SET \$" "$(cli JSON.SET "$k" '$' '{"name":"widget","tags":["a","b"],"price":9.5,"stock":{"count":3}}')" "OK"
  check "$p" "JSON.GET \$.name" "$(json_reply JSON.GET "$k" '$.name')" '["widget"]'
  check "$p" "JSON.GET \$.stock.count" "$(json_reply JSON.GET "$k" '$.stock.count')" '[3]'
  check "$p" "JSON.NUMINCRBY" "$(json_reply JSON.NUMINCRBY "$k" '$.stock.count' 2)" '[5]'
  check "$p" "JSON.ARRAPPEND" "$(cli JSON.ARRAPPEND "$k" '$.tags' '"c"')" '1) (integer) 3'
  check "$p" "JSON.GET \$.tags" "$(json_reply JSON.GET "$k" '$.tags')" '[["a", "b", "c"]]'
}

stream() {
  local p=$1 k first second
  key events
  first=$(cli --raw XADD "$k" '*' sensor 1 temp 20)
  second=$(cli --raw XADD "$k" '*' sensor 2 temp 21)
  local ordered=no
  if [[ $first =~ ^([0-9]+)-([0-9]+)$ ]]; then
    local m1=${BASH_REMATCH[1]} s1=${BASH_REMATCH[2]}
    if [[ $second =~ ^([0-9]+)-([0-9]+)$ ]]; then
      local m2=${BASH_REMATCH[1]} s2=${BASH_REMATCH[2]}
      { [ "$m1" -lt "$m2" ] || { [ "$m1" -eq "$m2" ] && [ "$s1" -lt "$s2" ]; }; } && ordered=yes
    fi
  fi
  check "$p" "XADD ids are ms-seq and increasing ($first, $second)" "$ordered" yes
  check "$p" "XLEN" "$(cli XLEN "$k")" "(integer) 2"
  check "$p" "XRANGE - +" "$(cli XRANGE "$k" - +)" \
"1) 1) \"$first\"
   2) 1) \"sensor\"
      2) \"1\"
      3) \"temp\"
      4) \"20\"
2) 1) \"$second\"
   2) 1) \"sensor\"
      2) \"2\"
      3) \"temp\"
      4) \"21\""
  check "$p" "XRANGE COUNT 1" "$(cli --raw XRANGE "$k" - + COUNT 1 | head -n 1)" "$first"
}

transaction() {
  local p=$1 k a b session
  key account:a; a=$k
  key account:b; b=$k
  cli SET "$a" 100 >/dev/null
  cli SET "$b" 50 >/dev/null
  check "$p" "MULTI DECRBY INCRBY EXEC" \
    "$(printf 'MULTI\nDECRBY %s 30\nINCRBY %s 30\nEXEC\n' "$a" "$b" | cli)" \
    $'OK\nQUEUED\nQUEUED\n1) (integer) 70\n2) (integer) 80'
  check "$p" "balances after the transfer" "$(cli MGET "$a" "$b")" $'1) "70"\n2) "80"'
  # One redis-cli session fed line by line through a FIFO, so another client can write between
  # its WATCH and its EXEC.
  mkfifo "$work/session"
  cli < "$work/session" > "$work/session.out" &
  session=$!
  background+=("$session")
  exec 4> "$work/session"
  echo "WATCH $a" >&4
  sleep 0.3
  cli SET "$a" 1000 >/dev/null
  printf 'MULTI\nDECRBY %s 30\nINCRBY %s 30\nEXEC\n' "$a" "$b" >&4
  exec 4>&-
  wait "$session"
  check "$p" "EXEC after a watched key changed returns nil" "$(cat "$work/session.out")" $'OK\nOK\nQUEUED\nQUEUED\n(nil)'
  check "$p" "nothing applied by the aborted EXEC" "$(cli MGET "$a" "$b")" $'1) "1000"\n2) "80"'
}

pubsub() {
  local p=$1 k subscriber
  key news
  cli SUBSCRIBE "$k" > "$work/subscriber.out" &
  subscriber=$!
  background+=("$subscriber")
  for _ in $(seq 1 50); do
    grep -q '"subscribe"' "$work/subscriber.out" 2>/dev/null && break
    sleep 0.1
  done
  check "$p" "SUBSCRIBE confirmed" "$(grep -v '^Reading messages' "$work/subscriber.out")" $'1) "subscribe"\n2) "'"$k"$'"\n3) (integer) 1'
  check "$p" "PUBLISH reaches 1 subscriber" "$(cli PUBLISH "$k" hello)" "(integer) 1"
  for _ in $(seq 1 50); do
    grep -q '"message"' "$work/subscriber.out" && break
    sleep 0.1
  done
  kill "$subscriber" 2>/dev/null
  check "$p" "message received" "$(tail -n 3 "$work/subscriber.out")" $'1) "message"\n2) "'"$k"$'"\n3) "hello"'
}

command -v redis-cli >/dev/null || { echo "redis-cli not found (apt-get install redis-tools)"; exit 2; }
echo "redis-cli $(redis-cli --version | awk '{print $2}') against $host:$port"
pong=$(cli PING)
[ "$pong" = PONG ] || { echo "cannot reach the server: $pong"; exit 2; }

part strings strings set get ttl
part counter counter incr incrby decr
part queue queue lpush brpop
part sets sets sadd sismember smembers srem scard sinter
part hash hash hset hget hincrby hgetall hdel hlen
part leaderboard leaderboard zadd zincrby zrange zrevrange zrank zscore
part json json_document json.set json.get json.numincrby json.arrappend
part stream stream xadd xlen xrange
part transaction transaction multi exec watch mget
part pubsub pubsub subscribe publish

[ ${#keys[@]} -gt 0 ] && cli DEL "${keys[@]}" >/dev/null
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
