package io.chorus.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProductionGuardTest {

    @Test
    void development_acceptsTheBuiltInSecrets() {
        assertEquals(List.of(), ProductionGuard.problems("development", ProductionGuard.BUILT_IN_JWT_SECRET,
                ProductionGuard.BUILT_IN_ADMIN_PASSWORD));
    }

    @Test
    void production_refusesEachBuiltInSecret_andNamesTheVariableToSet() {
        List<String> both = ProductionGuard.problems("production", ProductionGuard.BUILT_IN_JWT_SECRET,
                ProductionGuard.BUILT_IN_ADMIN_PASSWORD);
        assertEquals(2, both.size());
        assertTrue(both.get(0).contains("CHORUS_JWT_SECRET") && both.get(1).contains("CHORUS_ADMIN_PASSWORD"), both::toString);
        assertEquals(1, ProductionGuard.problems("production", "a-real-secret-of-forty-bytes-or-so-0123456789",
                ProductionGuard.BUILT_IN_ADMIN_PASSWORD).size());
        assertEquals(List.of(), ProductionGuard.problems("production", "a-real-secret-of-forty-bytes-or-so-0123456789", "hunter2-but-long"));
    }

    @Test
    void anUnknownMode_isRefused() {
        assertEquals(1, ProductionGuard.problems("prod", "x", "y").size());
    }

    @Test
    void theBuiltInValues_areTheOnesShipped() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = ProductionGuard.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(in);
        }
        assertEquals(ProductionGuard.BUILT_IN_JWT_SECRET, shipped.getProperty("chorus.jwt.secret"));
        assertEquals(ProductionGuard.BUILT_IN_ADMIN_PASSWORD, shipped.getProperty("chorus.admin.password"));
        assertEquals("development", shipped.getProperty("chorus.mode"));
    }
}
