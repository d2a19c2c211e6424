package io.chorus.web.socket;

import io.chorus.app.account.Caller;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;

/** Connections for tests of other packages (the delivery engine, the dialects), made as {@link Connections} makes them. */
public final class TestConnections {
    private TestConnections() {
    }

    /** A connection with the default queue and no send budget. */
    public static ClientConnection connection(Session session, Caller caller, Dialect dialect) {
        return new ClientConnection(session, caller, dialect);
    }

    /** A connection whose writer queues up to {@code queueCapacity} frames; no send budget. */
    public static ClientConnection connection(Session session, Caller caller, Dialect dialect, int queueCapacity) {
        return new ClientConnection(session, caller, dialect, queueCapacity, null);
    }

    /** A connection for a test that never delivers anything to it: its dialect refuses every call. */
    public static ClientConnection withoutDialect(Session session, Caller caller) {
        Dialect none = (Dialect) Proxy.newProxyInstance(Dialect.class.getClassLoader(), new Class<?>[] {Dialect.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException("this test delivers nothing: " + method.getName());
                });
        return connection(session, caller, none);
    }
}
