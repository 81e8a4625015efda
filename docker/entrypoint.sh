#!/usr/bin/env bash
# Container entry point: turns the environment into DiskDB flags and execs the server as PID 1
# (SIGTERM from `docker stop` then shuts it down cleanly).
#
#   /etc/diskdb/diskdb.conf   read when mounted (or DISKDB_CONFIG=path)
#   DISKDB_<NAME>=value       becomes --<name> value: DISKDB_REQUIREPASS, DISKDB_SYNC,
#                             DISKDB_LOGLEVEL, DISKDB_CACHE_MAX_MEMORY, DISKDB_MAXMEMORY_POLICY...
#                             (lower-cased, '_' -> '-'); flags override the config file
#   DISKDB_BIND / DISKDB_PORT / DISKDB_DIR   default 0.0.0.0 / 6380 / /data, always passed
#   DISKDB_PROTECTED_MODE=no  allow listening on all interfaces without a password
#   DISKDB_JAVA_OPTS          JVM options
#   arguments                 appended as extra flags (docker run diskdb --timeout 300);
#                             a first argument not starting with '-' is run instead (bash)
set -euo pipefail

if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  exec "$@"
fi

fail() {
  echo "diskdb-entrypoint: $*" >&2
  exit 1
}

bind=${DISKDB_BIND:-0.0.0.0}
port=${DISKDB_PORT:-6380}
dir=${DISKDB_DIR:-/data}
config=${DISKDB_CONFIG:-/etc/diskdb/diskdb.conf}

flags=()
use_config=no
if [ -n "${DISKDB_CONFIG:-}" ] || [ -e "$config" ]; then
  [ -r "$config" ] || fail "config file $config is not readable by uid $(id -u)"
  use_config=yes
  flags+=(--config "$config")
fi
# The container's address, port and data directory are part of its interface (published port,
# volume), so they are always given and win over the config file.
flags+=(--bind "$bind" --port "$port" --dir "$dir")

# Every other DISKDB_* variable is a server option; the server rejects unknown names itself.
for name in $(compgen -e -X '!DISKDB_*'); do
  case "$name" in
    DISKDB_BIND | DISKDB_PORT | DISKDB_DIR | DISKDB_CONFIG | DISKDB_JAVA_OPTS) continue ;;
  esac
  option=${name#DISKDB_}
  option=${option,,}
  flags+=("--${option//_/-}" "${!name}")
done

# DiskDB has no protected mode of its own yet: refuse to serve every interface without a
# password unless told explicitly. A password set in the config file counts.
is_loopback() {
  case "$1" in
    127.* | ::1 | localhost) return 0 ;;
    *) return 1 ;;
  esac
}
config_has_password() {
  [ "$use_config" = yes ] || return 1
  grep -Eq '^[[:space:]]*requirepass:[[:space:]]*[^[:space:]#]' "$config" \
    && ! grep -Eq '^[[:space:]]*requirepass:[[:space:]]*(""|'"''"')[[:space:]]*(#.*)?$' "$config"
}
protected_mode=${DISKDB_PROTECTED_MODE:-yes}
if ! is_loopback "$bind" && [ -z "${DISKDB_REQUIREPASS:-}" ] && [ "${protected_mode,,}" != no ] \
   && ! config_has_password; then
  fail "refusing to listen on $bind:$port without a password: anyone who can reach the port could read and change all data.
  Set DISKDB_REQUIREPASS (or security.requirepass in $config),
  or set DISKDB_PROTECTED_MODE=no if the network is private."
fi

[ -w "$dir" ] || fail "data directory $dir is not writable by uid $(id -u) (chown a host directory to 999:999)"

# Word splitting of DISKDB_JAVA_OPTS is intended: it holds several options.
# shellcheck disable=SC2086
exec java ${DISKDB_JAVA_OPTS:--XX:+UseG1GC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError} \
  -jar /opt/diskdb/diskdb-server.jar "${flags[@]}" "$@"
