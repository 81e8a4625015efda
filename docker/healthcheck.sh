#!/usr/bin/env bash
# Container health check: PING over bash's /dev/tcp (no redis-cli in the image). With
# DISKDB_REQUIREPASS set it authenticates first; a -NOAUTH reply (password only in the config
# file) still proves the server is up and answering.
set -u
export LC_ALL=C   # ${#password} must count bytes for the RESP length
port=${DISKDB_PORT:-6380}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
if [ -n "${DISKDB_REQUIREPASS:-}" ]; then
  printf '*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n' "${#DISKDB_REQUIREPASS}" "$DISKDB_REQUIREPASS" >&3
  read -r -t 2 reply <&3 || exit 1
  [[ $reply == +OK* ]] || { echo "AUTH: $reply"; exit 1; }
fi
printf '*1\r\n$4\r\nPING\r\n' >&3
read -r -t 2 reply <&3 || exit 1
[[ $reply == +PONG* || $reply == -NOAUTH* ]] || { echo "PING: $reply"; exit 1; }
