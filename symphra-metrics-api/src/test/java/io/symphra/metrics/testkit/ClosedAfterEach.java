package io.symphra.metrics.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test {@link #keep kept} once the test is over, the last kept first (as try-with-resources would),
 * whether the test passed or not. Register it as an instance field with {@code @RegisterExtension}.
 */
public final class ClosedAfterEach implements AfterEachCallback {

    private final Deque<AutoCloseable> kept = new ArrayDeque<>();

    /** Closes {@code closeable} after the current test, before anything kept earlier. */
    public <T extends AutoCloseable> T keep(T closeable) {
        kept.push(closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        while (!kept.isEmpty()) {
            kept.pop().close();
        }
    }
}
