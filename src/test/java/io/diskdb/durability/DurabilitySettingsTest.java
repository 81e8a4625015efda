package io.diskdb.durability;

import io.diskdb.config.ConfigException;
import io.diskdb.config.Settings;
import io.diskdb.config.SettingsLoader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The durability settings read from diskdb.conf, with one-line errors for bad values. */
class DurabilitySettingsTest {
    @Test
    void durabilitySettingsAreRead() {
        Settings s = new Settings();
        SettingsLoader.applyText("""
                persistence:
                  wal_recovery: absolute_consistency
                  write_buffer_size: 32mb
                  block_cache_size: 1gb
                  max_background_jobs: 4
                snapshots:
                  interval: 30m
                  keep: 3
                """, "diskdb.conf", s);
        assertEquals("absolute_consistency", s.getWalRecovery());
        assertEquals(32L << 20, s.getWriteBufferSize());
        assertEquals(1L << 30, s.getBlockCacheSize());
        assertEquals(4, s.getMaxBackgroundJobs());
        assertEquals(30 * 60_000L, s.getSnapshotIntervalMs());
        assertEquals(3, s.getSnapshotKeep());
    }

    @Test
    void defaultsSuitATwoCoreMachineAndTakeNoSnapshots() {
        Settings s = new Settings();
        assertEquals("point_in_time", s.getWalRecovery());
        assertEquals(2, s.getMaxBackgroundJobs());
        assertEquals(0, s.getSnapshotIntervalMs());
    }

    @Test
    void anUnknownRecoveryModeIsOneClearLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> SettingsLoader.applyText(
                "persistence:\n  wal_recovery: best_effort\n", "diskdb.conf", new Settings()));
        assertEquals("diskdb.conf: persistence.wal_recovery must be one of point_in_time, tolerate_corrupted_tail_records,"
                + " absolute_consistency, skip_any_corrupted_records (got 'best_effort')", e.getMessage());
    }
}
