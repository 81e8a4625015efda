package io.diskdb.testing;

import io.diskdb.config.Settings;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Consumer;

/**
 * A new {@link TestServer} for every test of a class, for tests that change server-wide state
 * (users, the ACL log, settings) that a {@link SharedServer} would carry into the next test:
 * {@code @RegisterExtension final ServerPerTest server = new ServerPerTest();}. It starts
 * before the class's {@code @BeforeEach} methods and, after each test, closes every connection
 * it handed out and then the server.
 */
public final class ServerPerTest extends ServerFixture implements BeforeEachCallback, AfterEachCallback {
    public ServerPerTest() {
        this(settings -> { });
    }

    /** Servers whose settings {@code customizer} adjusts before they start. */
    public ServerPerTest(Consumer<Settings> customizer) {
        super(customizer);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        shutDown();
    }
}
