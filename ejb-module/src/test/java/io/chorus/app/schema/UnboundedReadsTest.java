package io.chorus.app.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The migration reads without the pool's read timeout, and the pool gets each connection back with it. */
class UnboundedReadsTest {
    private final List<String> calls = new ArrayList<>();

    @Test
    void aConnectionWithAReadTimeout_losesItForTheMigration_andGetsItBackAtItsClose() throws SQLException {
        Connection unbounded = UnboundedReads.unbounded(connection(10_000));
        assertEquals(List.of("getNetworkTimeout", "setNetworkTimeout 0"), calls);

        unbounded.createStatement();
        unbounded.close();
        assertEquals(List.of("getNetworkTimeout", "setNetworkTimeout 0", "createStatement", "isClosed",
                "setNetworkTimeout 10000", "close"), calls);
    }

    @Test
    void aConnectionWithoutOne_isLeftAsItIs() throws SQLException {
        Connection plain = connection(0);
        assertSame(plain, UnboundedReads.unbounded(plain));
        assertEquals(List.of("getNetworkTimeout"), calls);
    }

    private Connection connection(int networkTimeout) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getNetworkTimeout" -> {
                            calls.add("getNetworkTimeout");
                            return networkTimeout;
                        }
                        case "setNetworkTimeout" -> calls.add("setNetworkTimeout " + args[1]);
                        case "isClosed" -> {
                            calls.add("isClosed");
                            return false;
                        }
                        default -> calls.add(method.getName());
                    }
                    return null;
                });
    }
}
