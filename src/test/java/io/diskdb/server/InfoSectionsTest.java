package io.diskdb.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InfoSectionsTest {
    @Test
    void humanSizesAsRedisWritesThem() {
        assertEquals("0B", InfoSections.human(0));
        assertEquals("1023B", InfoSections.human(1023));
        assertEquals("1.00K", InfoSections.human(1024));
        assertEquals("894.89K", InfoSections.human(916368));
        assertEquals("1.50M", InfoSections.human(1024 * 1024 * 3 / 2));
        assertEquals("23.54G", InfoSections.human(25276514304L));
    }
}
