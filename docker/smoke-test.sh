#!/usr/bin/env bash
# Smoke test of the container image: builds it, writes through the published port into a named
# volume, replaces the container and reads the data back. Also checks the health check and the
# entry point's refusal to serve all interfaces without a password. Cleans up after itself and
# exits non-zero with a message on the first failure.
#
#   docker/smoke-test.sh            (CONTAINER_ENGINE=docker|podman to choose; default: docker
#                                    when a Docker daemon answers, else podman)
set -euo pipefail
cd "$(dirname "$0")/.."

image=diskdb:smoke-test
volume=diskdb-smoke-test-data
container=diskdb-smoke-test
password=smoke-$RANDOM$RANDOM
started=$SECONDS

say() { echo "smoke-test: $*"; }
fail() {
  echo "smoke-test: FAILED: $*" >&2
  if [ -n "${engine:-}" ] && "$engine" container inspect "$container" >/dev/null 2>&1; then
    echo "--- container log (last 30 lines) ---" >&2
    "$engine" logs --tail 30 "$container" >&2 2>&1 || true
  fi
  exit 1
}

# --- engine -------------------------------------------------------------------------------
engine=${CONTAINER_ENGINE:-}
if [ -z "$engine" ]; then
  if command -v docker >/dev/null && timeout 10 docker info >/dev/null 2>&1; then
    engine=docker
  elif command -v podman >/dev/null; then
    engine=podman
  else
    fail "neither a running Docker engine nor podman found (apt-get install podman runc)"
  fi
fi
if [ "$engine" = podman ] && [ -z "${CONTAINERS_CONF:-}" ]; then
  # Default ulimits and crun do not work on the CI machines; see the file.
  export CONTAINERS_CONF=$PWD/docker/podman-containers.conf
fi
say "engine: $engine"

cleanup() {
  timeout 60 "$engine" rm -f -t 5 "$container" >/dev/null 2>&1 || timeout 60 "$engine" rm -f "$container" >/dev/null 2>&1 || true
  timeout 60 "$engine" rm -f "$container-nopass" >/dev/null 2>&1 || true
  timeout 60 "$engine" volume rm -f "$volume" >/dev/null 2>&1 || true
}
cleanup   # leftovers of an interrupted earlier run
trap cleanup EXIT

# --- jar, base image, image ---------------------------------------------------------------
if [ ! -f target/diskdb-server.jar ]; then
  say "building the jar"
  timeout 900 mvn -q -B -DskipTests package || fail "maven build failed"
fi
if ! timeout 30 "$engine" image inspect debian:bookworm-slim >/dev/null 2>&1 && command -v debootstrap >/dev/null; then
  # No registry access assumed: build the base image from the Debian mirror.
  timeout 900 docker/make-base-image.sh "$engine" || fail "could not create the debian:bookworm-slim base image"
fi
say "building $image"
build_flags=(-q -f docker/Dockerfile -t "$image")
# podman's default OCI image format drops HEALTHCHECK.
[ "$engine" = podman ] && build_flags+=(--format docker)
previous=$(timeout 30 "$engine" image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
timeout 900 "$engine" build "${build_flags[@]}" . >/dev/null || fail "image build failed"
# Repeated runs would otherwise pile up the untagged images of earlier builds.
if [ -n "$previous" ] && [ "$previous" != "$(timeout 30 "$engine" image inspect -f '{{.Id}}' "$image")" ]; then
  timeout 60 "$engine" rmi "$previous" >/dev/null 2>&1 || true
fi

timeout 30 "$engine" image inspect "$image" | grep -q diskdb-healthcheck || fail "the image has no HEALTHCHECK"
# podman schedules health checks with systemd timers, which CI machines lack (it logs errors
# on every start and stop): the smoke test runs the check itself.
run_flags=()
[ "$engine" = podman ] && run_flags+=(--no-healthcheck)

# --- protected mode: no password, all interfaces -> refuse ------------------------------------
set +e
refusal=$(timeout 60 "$engine" run --rm "${run_flags[@]}" --name "$container-nopass" "$image" 2>&1)
status=$?
set -e
[ $status -ne 0 ] || fail "the container started without DISKDB_REQUIREPASS on 0.0.0.0"
[[ $refusal == *"refusing to listen on 0.0.0.0"* ]] || fail "no clear refusal without a password; output: $refusal"
say "ok: refuses 0.0.0.0 without a password"

# --- a RESP client: redis-cli, else bash /dev/tcp -------------------------------------------
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  fail "no free port found"
}
port=$(free_port)

# Prints the reply to one command the way `redis-cli --raw` does for simple replies.
resp() {
  if command -v redis-cli >/dev/null; then
    timeout 10 redis-cli -h 127.0.0.1 -p "$port" --no-auth-warning -a "$password" --raw "$@"
    return
  fi
  local LC_ALL=C arg reply len
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  {
    printf '*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n' "${#password}" "$password"
    printf '*%d\r\n' $#
    for arg in "$@"; do printf '$%d\r\n%s\r\n' "${#arg}" "$arg"; done
  } >&3
  read -r -t 5 reply <&3 || { exec 3>&-; return 1; }   # AUTH
  reply=${reply%$'\r'}
  [ "$reply" = +OK ] || { echo "$reply"; exec 3>&-; return 0; }
  read -r -t 5 reply <&3 || { exec 3>&-; return 1; }
  reply=${reply%$'\r'}
  case "$reply" in
    \$-1) echo "" ;;
    \$*) len=${reply#\$}; IFS= read -r -t 5 -N $((len + 2)) reply <&3; printf '%s\n' "${reply%$'\r\n'}" ;;
    [+:]*) echo "${reply#?}" ;;
    *) echo "$reply" ;;
  esac
  exec 3>&-
}

expect() {   # expect WANTED command args...
  local wanted=$1 got
  shift
  got=$(resp "$@" 2>&1) || fail "'$*' got no reply"
  [ "$got" = "$wanted" ] || fail "'$*' replied '${got:0:200}', expected '${wanted:0:200}'"
}

start_container() {
  timeout 120 "$engine" run -d "${run_flags[@]}" --name "$container" -p "127.0.0.1:$port:6380" -v "$volume:/data" \
    -e DISKDB_REQUIREPASS="$password" -e DISKDB_SYNC=always "$image" >/dev/null || fail "container did not start"
  local deadline=$((SECONDS + 60))
  until [ "$(resp PING 2>/dev/null)" = PONG ]; do
    [ "$(timeout 30 "$engine" inspect -f '{{.State.Running}}' "$container")" = true ] || fail "container exited during startup"
    [ $SECONDS -lt $deadline ] || fail "no PONG through the published port within 60s"
    sleep 0.5
  done
  timeout 30 "$engine" exec "$container" diskdb-healthcheck || fail "the image's health check fails on a running server"
}

stop_container() {
  timeout 60 "$engine" stop -t 30 "$container" >/dev/null || fail "container did not stop"
  local code
  code=$(timeout 30 "$engine" inspect -f '{{.State.ExitCode}}' "$container")
  [ "$code" = 0 ] || fail "server exited with status $code on SIGTERM (expected a clean 0)"
  timeout 60 "$engine" rm "$container" >/dev/null || fail "could not remove the container"
}

big=$(head -c 6000 /dev/zero | tr '\0' 'x')   # beyond the 4 KB inline limit: a separate record

# --- first container: write -----------------------------------------------------------------
say "starting a container on 127.0.0.1:$port with volume $volume"
start_container
say "ok: PING through the published port, health check passes"
expect OK SET smoke:greeting "hello from the first container"
expect 42 INCRBY smoke:counter 42
expect OK SET smoke:big "$big"
expect OK SET smoke:ttl soon EX 3600
stop_container
say "ok: wrote 4 keys, stopped cleanly, removed the container"

# --- second container, same volume: read back -----------------------------------------------
start_container
expect "hello from the first container" GET smoke:greeting
expect 43 INCR smoke:counter
expect "$big" GET smoke:big
ttl=$(resp TTL smoke:ttl)
[[ $ttl =~ ^[0-9]+$ ]] && [ "$ttl" -gt 3000 ] && [ "$ttl" -le 3600 ] || fail "TTL of smoke:ttl is '$ttl' after the restart"
expect 4 DBSIZE
stop_container
say "ok: a new container on the same volume sees every key, the TTL kept"

say "passed in $((SECONDS - started))s"
