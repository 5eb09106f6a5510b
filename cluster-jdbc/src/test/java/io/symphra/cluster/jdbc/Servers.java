package io.symphra.cluster.jdbc;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one server of each {@link Db}, shared by every test class of the run, and stops them when the run ends:
 * the root context's store closes what it holds.
 */
final class Servers implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Servers.class);
    private static final Map<Db, DatabaseServer> SHARED = new EnumMap<>(Db.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        for (Db db : Db.values()) {
            DatabaseServer server = store.getOrComputeIfAbsent(
                    db,
                    key -> {
                        DatabaseServer started = db.newServer();
                        try {
                            started.start();
                        } catch (RuntimeException e) {
                            started.close();
                            throw e;
                        }
                        return started;
                    },
                    DatabaseServer.class);
            synchronized (SHARED) {
                SHARED.put(db, server);
            }
        }
    }

    /** The running shared server of {@code db}. */
    static DatabaseServer get(Db db) {
        synchronized (SHARED) {
            DatabaseServer server = SHARED.get(db);
            if (server == null) {
                throw new IllegalStateException("annotate the test class with @ExtendWith(Servers.class)");
            }
            return server;
        }
    }
}
