package io.diskdb.storage;

import java.util.List;

/** Called after a commit is durable per the sync policy and visible, still under the key locks. */
@FunctionalInterface
public interface CommitListener {
    void committed(List<KeyChange> changes);
}
