#!/bin/sh
# Runs the Python and Go client test suites against a DiskDB server that is already running on
# DISKDB_HOST:DISKDB_PORT (default localhost:6380). The tests flush the server's data.
# Exits non-zero if either suite fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
DISKDB_HOST=${DISKDB_HOST:-localhost}
DISKDB_PORT=${DISKDB_PORT:-6380}
export DISKDB_HOST DISKDB_PORT
DISKDB_ADDR=${DISKDB_ADDR:-$DISKDB_HOST:$DISKDB_PORT}
export DISKDB_ADDR

status=0

echo "== Python client tests against $DISKDB_HOST:$DISKDB_PORT"
/usr/bin/python3 -m unittest discover -s "$here/python/tests" -v || status=1

echo "== Go client tests against $DISKDB_ADDR"
(cd "$here/go" && go vet ./... && go test -count=1 ./...) || status=1

exit $status
