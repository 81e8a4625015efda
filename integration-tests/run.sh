#!/usr/bin/env bash
# Runs the interoperability scenario (SCENARIO.md) through every client against a running server
# and prints a summary table. Installs nothing; checks what it needs first.
#
#   DISKDB_PORT=6380 integration-tests/run.sh
#   DISKDB_HOST (127.0.0.1), DISKDB_PASSWORD, and INTEROP_CLIENTS="python go node cli jedis lettuce"
#   to run a subset.
#
# Debian packages: python3-redis golang-go golang-github-gomodule-redigo-dev nodejs npm redis-tools,
# plus a JDK 17 and Maven (the Java module fetches Jedis and Lettuce from Maven Central once).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)

[ -n "${DISKDB_PORT:-}" ] || { echo "run.sh: set DISKDB_PORT to the port of a running server" >&2; exit 2; }
export DISKDB_HOST=${DISKDB_HOST:-127.0.0.1}
clients=${INTEROP_CLIENTS:-python go node cli jedis lettuce}
redigo=/usr/share/gocode/src/github.com/gomodule/redigo

# --- prerequisites ------------------------------------------------------------------------
missing=()
need() {   # need CLIENT TEST MESSAGE
  case " $clients " in *" $1 "*) eval "$2" >/dev/null 2>&1 || missing+=("$1: $3") ;; esac
}
need python '/usr/bin/python3 -c "import redis"' "/usr/bin/python3 with redis-py (apt-get install python3-redis)"
need go 'command -v go' "go (apt-get install golang-go)"
need go "[ -d $redigo ]" "redigo in $redigo (apt-get install golang-github-gomodule-redigo-dev)"
need node 'command -v node && command -v npm' "node and npm (apt-get install nodejs npm)"
need cli 'command -v redis-cli' "redis-cli (apt-get install redis-tools)"
need jedis 'command -v java && command -v mvn' "java 17+ and mvn (apt-get install openjdk-17-jdk-headless maven)"
need lettuce 'command -v java && command -v mvn' "java 17+ and mvn (apt-get install openjdk-17-jdk-headless maven)"
if [ ${#missing[@]} -gt 0 ]; then
  echo "run.sh: missing prerequisites:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 2
fi
if ! (exec 3<>"/dev/tcp/$DISKDB_HOST/$DISKDB_PORT") 2>/dev/null; then
  echo "run.sh: nothing listens on $DISKDB_HOST:$DISKDB_PORT; start the server first" >&2
  exit 2
fi

logs=$(mktemp -d "${TMPDIR:-/tmp}/diskdb-interop.XXXXXX")
trap 'rm -rf "$logs"' EXIT
rows=()
any_failed=0

# run NAME COMMAND... : runs one client's scenario (bounded), keeps its summary line.
run() {
  local name=$1 log="$logs/$1.log" start=$SECONDS status summary passed=- failed=- skipped=- result
  shift
  echo "=== $name"
  timeout 300 "$@" > "$log" 2>&1
  status=$?
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -n 1)
  if [ -n "$summary" ]; then
    read -r passed _ failed _ skipped _ <<< "${summary//,/}"
  fi
  grep -E '^(FAIL|SKIP)' "$log"
  if [ $status -eq 0 ] && [ -n "$summary" ] && [ "$failed" = 0 ]; then
    result=ok
  else
    result="FAILED (exit $status)"
    [ $status -eq 124 ] && result="FAILED (timed out after 300s)"
    any_failed=1
    [ -n "$summary" ] || tail -n 20 "$log"
  fi
  echo "$(head -n 1 "$log") -> $result"
  rows+=("$(printf '%-16s %6s %6s %7s %5ss  %s' "$name" "$passed" "$failed" "$skipped" $((SECONDS - start)) "$result")")
}

not_run() {   # not_run NAME REASON : a variant this machine cannot run, shown in the table
  echo "=== $1: not run: $2"
  rows+=("$(printf '%-16s %6s %6s %7s %6s  %s' "$1" - - - - "not run: $2")")
}

for client in $clients; do
  case $client in
    python)
      run redis-py /usr/bin/python3 "$here/python/scenario.py"
      version=$(/usr/bin/python3 -c 'import redis; print(redis.__version__)')
      if [ "${version%%.*}" -ge 5 ]; then
        run "redis-py resp3" /usr/bin/python3 "$here/python/scenario.py" --resp3
      else
        not_run "redis-py resp3" "redis-py $version has no protocol=3 (5.0+)"
      fi
      ;;
    go)
      # GOPATH mode against Debian's source package: no module download.
      run redigo env -u GOFLAGS GO111MODULE=off GOPATH=/usr/share/gocode go run "$here/go/scenario.go"
      ;;
    node)
      if (cd "$here/node" && timeout 300 npm ci --no-audit --no-fund --loglevel=error > "$logs/npm.log" 2>&1); then
        run ioredis node "$here/node/scenario.js"
      else
        cat "$logs/npm.log"
        any_failed=1
        rows+=("$(printf '%-16s %6s %6s %7s %6s  %s' ioredis - - - - "FAILED: npm ci")")
      fi
      ;;
    cli)
      run redis-cli "$here/cli/scenario.sh"
      ;;
    jedis | lettuce)
      if [ ! -f "$here/java/target/classpath.txt" ] || [ -n "$(find "$here/java/src" "$here/java/pom.xml" -newer "$here/java/target/classpath.txt" -print -quit)" ]; then
        if ! (cd "$here/java" && timeout 600 mvn -q -B package > "$logs/mvn.log" 2>&1); then
          cat "$logs/mvn.log"
          any_failed=1
          rows+=("$(printf '%-16s %6s %6s %7s %6s  %s' "$client" - - - - "FAILED: mvn package")")
          continue
        fi
      fi
      classpath="$here/java/target/classes:$(cat "$here/java/target/classpath.txt")"
      main=io.diskdb.interop.${client^}Scenario
      run "$client resp2" java -cp "$classpath" "$main" resp2
      run "$client resp3" java -cp "$classpath" "$main" resp3
      ;;
    *)
      echo "run.sh: unknown client '$client' in INTEROP_CLIENTS" >&2
      exit 2
      ;;
  esac
done

echo
echo "Interoperability against $DISKDB_HOST:$DISKDB_PORT"
printf '%-16s %6s %6s %7s %6s  %s\n' client passed failed skipped time result
printf '%s\n' "${rows[@]}"
exit $any_failed
