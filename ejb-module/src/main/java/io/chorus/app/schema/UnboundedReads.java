package io.chorus.app.schema;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's connections, for the schema migration only, without the driver's read timeout
 * ({@code socketTimeout}, docs/DEPLOYMENT.md): that bound makes a query that hangs on a network
 * partition fail within seconds, but a migration building an index over a large message table may
 * rightly run for minutes. Each connection gets its timeout back when it returns to the pool.
 */
public final class UnboundedReads implements DataSource {
    private static final Logger LOG = Logger.getLogger(UnboundedReads.class.getName());
    /** For the driver's abort of a timed-out connection; pgjdbc ignores it (the timeout is its socket's SO_TIMEOUT). */
    private static final Executor INLINE = Runnable::run;

    private final DataSource pool;

    UnboundedReads(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return unbounded(pool.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return unbounded(pool.getConnection(user, password));
    }

    /**
     * The connection with no read timeout, restored at its close; as it is where the driver has none
     * (H2). Also the warm-up's vacuums (WarmupAccounts), which bound themselves with a statement_timeout.
     */
    public static Connection unbounded(Connection connection) throws SQLException {
        int before;
        try {
            before = connection.getNetworkTimeout();
            if (before == 0) {
                return connection;
            }
            connection.setNetworkTimeout(INLINE, 0);
        } catch (SQLFeatureNotSupportedException | UnsupportedOperationException | AbstractMethodError e) {
            return connection;
        }
        LOG.fine(() -> "Reading without the pool's " + before + " ms read timeout");
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0 && !connection.isClosed()) {
                        try {
                            connection.setNetworkTimeout(INLINE, before);
                        } catch (SQLException e) {
                            // A broken connection: the pool discards it anyway.
                        }
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
