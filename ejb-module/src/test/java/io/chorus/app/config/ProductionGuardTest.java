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
                ProductionGuard.BUILT_IN_ADMIN_PASSWORD, 100_000));
    }

    @Test
    void production_refusesEachBuiltInSecret_andNamesTheVariableToSet() {
        List<String> both = ProductionGuard.problems("production", ProductionGuard.BUILT_IN_JWT_SECRET,
                ProductionGuard.BUILT_IN_ADMIN_PASSWORD, 100_000);
        assertEquals(2, both.size());
        assertTrue(both.get(0).contains("CHORUS_JWT_SECRET") && both.get(1).contains("CHORUS_ADMIN_PASSWORD"), both::toString);
        assertEquals(1, ProductionGuard.problems("production", "a-real-secret-of-forty-bytes-or-so-0123456789",
                ProductionGuard.BUILT_IN_ADMIN_PASSWORD, 100_000).size());
        assertEquals(List.of(), ProductionGuard.problems("production", "a-real-secret-of-forty-bytes-or-so-0123456789", "hunter2-but-long", 100_000));
    }

    @Test
    void tooFewPasswordIterations_areRefusedInEveryMode() {
        for (String mode : List.of("development", "production")) {
            List<String> problems = ProductionGuard.problems(mode, "a-real-secret-of-forty-bytes-or-so-0123456789", "hunter2-but-long",
                    ProductionGuard.MIN_PASSWORD_ITERATIONS - 1);
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).contains("CHORUS_PASSWORD_ITERATIONS"), problems::toString);
            assertEquals(List.of(), ProductionGuard.problems(mode, "a-real-secret-of-forty-bytes-or-so-0123456789", "hunter2-but-long",
                    ProductionGuard.MIN_PASSWORD_ITERATIONS));
        }
    }

    @Test
    void anUnknownMode_isRefused() {
        assertEquals(1, ProductionGuard.problems("prod", "x", "y", 100_000).size());
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

    @Test
    void faultInjection_isForTestsOnly_andAShare() {
        assertEquals(List.of(), ProductionGuard.faultInjectionProblems("development", 0.05));
        assertEquals(List.of(), ProductionGuard.faultInjectionProblems("production", 0));
        assertEquals(1, ProductionGuard.faultInjectionProblems("production", 0.05).size());
        assertEquals(1, ProductionGuard.faultInjectionProblems("development", 1.5).size());
        assertEquals(1, ProductionGuard.faultInjectionProblems("development", Double.NaN).size());
    }
}
