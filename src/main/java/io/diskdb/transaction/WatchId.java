package io.diskdb.transaction;

import io.diskdb.util.Bytes;

/** A key in a (logical) database, as WATCH names it. */
record WatchId(int db, Bytes key) {
}
