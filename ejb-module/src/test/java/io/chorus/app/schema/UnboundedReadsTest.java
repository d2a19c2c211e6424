package io.chorus.app.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migration reads without the pool's read timeout and, on PostgreSQL, without its statement
 * timeout; the pool gets each connection back with both.
 */
class UnboundedReadsTest {
    private final List<String> calls = new ArrayList<>();

    @Test
    void aConnectionWithAReadTimeout_losesItForTheMigration_andGetsItBackAtItsClose() throws SQLException {
        Connection unbounded = UnboundedReads.unbounded(connection("H2", 10_000));
        assertEquals(List.of("getNetworkTimeout", "setNetworkTimeout 0"), calls);

        unbounded.createStatement().execute("SELECT 1");
        unbounded.close();
        assertEquals(List.of("getNetworkTimeout", "setNetworkTimeout 0", "SELECT 1", "isClosed",
                "setNetworkTimeout 10000", "close"), calls);
    }

    @Test
    void aConnectionWithoutOne_isLeftAsItIs() throws SQLException {
        Connection plain = connection("H2", 0);
        assertSame(plain, UnboundedReads.unbounded(plain));
        assertEquals(List.of("getNetworkTimeout"), calls);
    }

    @Test
    void onPostgresql_theStatementTimeoutGoesToo_andComesBackAtTheClose() throws SQLException {
        Connection unbounded = UnboundedReads.unbounded(connection("PostgreSQL", 10_000));
        assertEquals(List.of("getNetworkTimeout", "setNetworkTimeout 0", "SET statement_timeout = 0"), calls);

        unbounded.close();
        assertEquals(List.of("getNetworkTimeout", "setNetworkTimeout 0", "SET statement_timeout = 0", "isClosed",
                "setNetworkTimeout 10000", "RESET statement_timeout", "close"), calls);
    }

    @Test
    void onPostgresqlWithoutAReadTimeout_theStatementTimeoutStillGoes() throws SQLException {
        Connection unbounded = UnboundedReads.unbounded(connection("PostgreSQL", 0));
        unbounded.close();
        assertEquals(List.of("getNetworkTimeout", "SET statement_timeout = 0", "isClosed", "RESET statement_timeout", "close"), calls);
    }

    /** A connection to {@code product} that records what is done with it, and the SQL its statements execute. */
    private Connection connection(String product, int networkTimeout) {
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> method.getName().equals("getDatabaseProductName") ? product : null);
        Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        calls.add((String) args[0]);
                        return false;
                    }
                    return null;
                });
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getMetaData" -> {
                            return metaData;
                        }
                        case "getNetworkTimeout" -> {
                            calls.add("getNetworkTimeout");
                            return networkTimeout;
                        }
                        case "setNetworkTimeout" -> calls.add("setNetworkTimeout " + args[1]);
                        case "isClosed" -> {
                            calls.add("isClosed");
                            return false;
                        }
                        case "createStatement" -> {
                            return statement;
                        }
                        default -> calls.add(method.getName());
                    }
                    return null;
                });
    }
}
