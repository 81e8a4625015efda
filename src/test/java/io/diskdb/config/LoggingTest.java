package io.diskdb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @AfterEach
    void restore() {
        Logging.setLevel("info");
    }

    @Test
    void logbackXmlLoadsCleanly() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (Status s : ctx.getStatusManager().getCopyOfStatusList()) {
            assertTrue(s.getLevel() < Status.WARN, "logback.xml: " + s);
        }
        assertEquals(Level.INFO, root.getLevel());
    }

    @Test
    void setLevelAcceptsDiskdbAndRedisWords() {
        Logging.setLevel("warning");
        assertEquals(Level.WARN, root.getLevel());
        Logging.setLevel("TRACE");
        assertEquals(Level.TRACE, root.getLevel());
        Logging.setLevel("verbose");
        assertEquals(Level.DEBUG, root.getLevel());
        Logging.setLevel("notice");
        assertEquals(Level.INFO, root.getLevel());
        Logging.setLevel("error");
        assertEquals(Level.ERROR, root.getLevel());
        assertThrows(IllegalArgumentException.class, () -> Logging.setLevel("loud"));
        assertNull(Logging.normalize("loud"));
    }

    @Test
    void configSetLoglevelChangesTheRootLogger() throws Exception {
        new RuntimeConfig(new Settings(), null).set("loglevel", "warning");
        assertEquals(Level.WARN, root.getLevel());
    }
}
