package io.chorus.app.schema;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's connections, for the schema migration only, without the pool's two bounds on a statement
 * (docs/DEPLOYMENT.md): the driver's read timeout ({@code socketTimeout}), which makes a query that
 * hangs on a network partition fail within seconds, and PostgreSQL's {@code statement_timeout} just
 * under it, which makes the server cancel a statement the driver has given up on rather than run it
 * on unseen. A migration building an index over a large message table may rightly run for minutes.
 * Each connection gets both back when it returns to the pool.
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
     * The connection with no read timeout and, on PostgreSQL, no statement timeout, both restored at
     * its close; as it is where there are none (H2). Also the warm-up's vacuums (WarmupAccounts),
     * which set a statement timeout of their own.
     */
    public static Connection unbounded(Connection connection) throws SQLException {
        boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        int before = networkTimeout(connection);
        if (before == 0 && !postgres) {
            return connection;
        }
        if (before > 0) {
            connection.setNetworkTimeout(INLINE, 0);
        }
        if (postgres) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET statement_timeout = 0");
            }
        }
        LOG.fine(() -> "Reading without the pool's " + before + " ms read timeout and statement timeout");
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0 && !connection.isClosed()) {
                        restore(connection, postgres, before);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The connection's read timeout in ms; 0 where it has none or the driver has no such thing. */
    private static int networkTimeout(Connection connection) throws SQLException {
        try {
            return connection.getNetworkTimeout();
        } catch (SQLFeatureNotSupportedException | UnsupportedOperationException | AbstractMethodError e) {
            return 0;
        }
    }

    private static void restore(Connection connection, boolean postgres, int networkTimeout) {
        try {
            if (networkTimeout > 0) {
                connection.setNetworkTimeout(INLINE, networkTimeout);
            }
            if (postgres) {
                // Back to the session's default, the one the pool's connection options set.
                try (Statement statement = connection.createStatement()) {
                    statement.execute("RESET statement_timeout");
                }
            }
        } catch (SQLException e) {
            // A broken connection, which the pool discards anyway, or a failed transaction, whose
            // rollback undoes the SET with it.
        }
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
