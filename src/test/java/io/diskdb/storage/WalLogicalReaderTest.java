package io.diskdb.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reading a WAL file that grows: whole records only, across blocks, never half of one. */
class WalLogicalReaderTest {
    private final Path dir;
    private final Path file;

    WalLogicalReaderTest() throws IOException {
        dir = Files.createTempDirectory("wal-reader-test");
        file = Files.createFile(dir.resolve("000007.log"));
    }

    @AfterEach
    void delete() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void readsSmallAndFragmentedRecordsAcrossBlocksAndPadding() throws IOException {
        LogWriter log = new LogWriter();
        byte[] small = payload(100, 1);
        byte[] large = payload(80_000, 2); // FIRST, MIDDLE, LAST over three blocks
        log.add(small);
        log.add(large);
        // leave 3 bytes of a block: the writer pads them and starts the next record in the next block
        int fill = WalPhysicalRecord.BLOCK_SIZE - (int) (log.size() % WalPhysicalRecord.BLOCK_SIZE) - 3 - 7;
        byte[] filler = payload(fill, 3);
        log.add(filler);
        byte[] afterPadding = payload(10, 4);
        log.add(afterPadding);
        write(log.bytes());
        try (WalLogicalReader reader = new WalLogicalReader(file, 7)) {
            assertArrayEquals(small, reader.next());
            assertArrayEquals(large, reader.next());
            assertArrayEquals(filler, reader.next());
            assertArrayEquals(afterPadding, reader.next());
            assertNull(reader.next());
            assertEquals(log.size(), reader.offset());
        }
    }

    @Test
    void aRecordAppendedInSeveralStepsIsReturnedOnlyWhenWhole() throws IOException {
        LogWriter log = new LogWriter();
        byte[] first = payload(50, 5);
        byte[] second = payload(70_000, 6);
        log.add(first);
        log.add(second);
        byte[] all = log.bytes();
        int firstEnd = 7 + first.length;
        try (WalLogicalReader reader = new WalLogicalReader(file, 7)) {
            assertNull(reader.next(), "empty file");
            int[] steps = {3, firstEnd, firstEnd + 5, firstEnd + 20_000, 40_000, 70_000, all.length - 1};
            int written = 0;
            boolean firstSeen = false;
            for (int step : steps) {
                append(Arrays.copyOfRange(all, written, step));
                written = step;
                byte[] read = reader.next();
                if (!firstSeen && written >= firstEnd) {
                    assertArrayEquals(first, read);
                    firstSeen = true;
                    read = reader.next();
                }
                assertNull(read, "nothing whole after " + written + " bytes");
                assertEquals(firstSeen ? firstEnd : 0, reader.offset());
            }
            append(Arrays.copyOfRange(all, written, all.length));
            assertArrayEquals(second, reader.next());
            assertNull(reader.next());
        }
    }

    @Test
    void aRecordWithABadCrcIsNotReturnedUntilItIsRight() throws IOException {
        LogWriter log = new LogWriter();
        byte[] first = payload(40, 7);
        byte[] second = payload(60, 8);
        log.add(first);
        log.add(second);
        byte[] good = log.bytes();
        byte[] torn = good.clone();
        torn[torn.length - 1] ^= 0x55; // e.g. the page holding the tail is still being written
        write(torn);
        try (WalLogicalReader reader = new WalLogicalReader(file, 7)) {
            assertArrayEquals(first, reader.next());
            assertNull(reader.next());
            assertNull(reader.next());
            write(good);
            assertArrayEquals(second, reader.next());
        }
    }

    @Test
    void fragmentsOutOfOrderAreUnreadable() throws IOException {
        LogWriter log = new LogWriter();
        log.physical(WalPhysicalRecord.MIDDLE, payload(10, 9));
        write(log.bytes());
        try (WalLogicalReader reader = new WalLogicalReader(file, 7)) {
            assertThrows(WalLogicalReader.UnreadableWalException.class, reader::next);
        }
    }

    @Test
    void walCheckReadsTheSameRecordsAndFindsTheBadCrc() throws IOException {
        LogWriter log = new LogWriter();
        log.add(payload(100, 1));
        log.add(payload(70_000, 2));
        byte[] bytes = log.bytes();
        write(bytes);
        assertEquals(java.util.Optional.empty(), WalCheck.checkFile(file));
        bytes[bytes.length - 1] ^= 1;
        write(bytes);
        WalCheck.Damage damage = WalCheck.checkFile(file).orElseThrow();
        assertEquals("corrupt record (checksum mismatch)", damage.what());
    }

    private static byte[] payload(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    private void write(byte[] bytes) throws IOException {
        Files.write(file, bytes);
    }

    private void append(byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Lays records out as RocksDB's log::Writer does (non-recyclable types). */
    private static final class LogWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        long size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        void add(byte[] payload) {
            int at = 0;
            boolean begin = true;
            do {
                int left = WalPhysicalRecord.BLOCK_SIZE - out.size() % WalPhysicalRecord.BLOCK_SIZE;
                if (left < 7) {
                    out.write(new byte[left], 0, left);
                    left = WalPhysicalRecord.BLOCK_SIZE;
                }
                int length = Math.min(payload.length - at, left - 7);
                boolean end = at + length == payload.length;
                int type = begin && end ? WalPhysicalRecord.FULL : begin ? WalPhysicalRecord.FIRST
                        : end ? WalPhysicalRecord.LAST : WalPhysicalRecord.MIDDLE;
                physical(type, Arrays.copyOfRange(payload, at, at + length));
                at += length;
                begin = false;
            } while (at < payload.length);
        }

        void physical(int type, byte[] fragment) {
            CRC32C crc = new CRC32C();
            crc.update(type);
            crc.update(fragment);
            ByteBuffer header = ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(WalPhysicalRecord.mask((int) crc.getValue())).putShort((short) fragment.length).put((byte) type);
            out.write(header.array(), 0, 7);
            out.write(fragment, 0, fragment.length);
        }
    }
}
