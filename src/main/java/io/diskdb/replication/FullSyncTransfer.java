package io.diskdb.replication;

import io.diskdb.config.MasterAddress;

import java.io.IOException;

/**
 * Moving a whole dataset from a master to a replica, for replicas PSYNC cannot continue: the
 * master makes a checkpoint, the replica fetches it and swaps it in for its data.
 */
public interface FullSyncTransfer {
    /** Master: a checkpoint of the data as it is now, for one replica to fetch; returns its id. */
    String createCheckpoint() throws IOException;

    /** Replica: fetches the checkpoint from the master and makes it the live data; returns when it is. */
    void fetchAndReplace(MasterAddress master, String user, String password, String checkpointId) throws IOException;
}
