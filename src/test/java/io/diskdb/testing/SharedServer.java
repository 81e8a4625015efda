package io.diskdb.testing;

import io.diskdb.config.Settings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Consumer;

/**
 * One {@link TestServer} for all the tests of a class:
 * {@code @RegisterExtension static final SharedServer server = new SharedServer();}
 * starts it before the class's first test and, after its last, closes every connection it
 * handed out and then the server. {@code @Nested} classes inherit the extension and share the
 * enclosing class's server.
 */
public final class SharedServer extends ServerFixture implements BeforeAllCallback, AfterAllCallback {
    private Class<?> owner;

    public SharedServer() {
        this(settings -> { });
    }

    /** A server whose settings {@code customizer} adjusts before it starts. */
    public SharedServer(Consumer<Settings> customizer) {
        super(customizer);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!isOpen()) { // a @Nested class's callback runs too: it shares the enclosing server
            owner = context.getRequiredTestClass();
            open();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass() == owner) {
            shutDown();
        }
    }
}
