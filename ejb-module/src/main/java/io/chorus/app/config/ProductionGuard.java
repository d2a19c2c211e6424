package io.chorus.app.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start in {@code production} mode with a secret that ships with Chorus (SPEC §10), and in
 * any mode with a setting Chorus cannot work with: the deployment fails with a message naming each
 * variable to set. {@code development}, the default, starts with the built-in secrets and says so in
 * the log.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProductionGuard {
    private static final Logger LOG = Logger.getLogger(ProductionGuard.class.getName());

    /** The built-in values of microprofile-config.properties; ProductionGuardTest keeps them in step. */
    static final String BUILT_IN_JWT_SECRET = "chorus-development-secret-change-me-0123456789";
    static final String BUILT_IN_ADMIN_PASSWORD = "chorus-admin-dev";
    public static final String DEVELOPMENT = "development";
    public static final String PRODUCTION = "production";

    @Inject
    @ConfigProperty(name = "chorus.mode")
    String mode;

    @Inject
    @ConfigProperty(name = "chorus.jwt.secret")
    String jwtSecret;

    @Inject
    @ConfigProperty(name = "chorus.admin.password")
    String adminPassword;

    @Inject
    @ConfigProperty(name = "chorus.password.iterations")
    int passwordIterations;

    @Inject
    @ConfigProperty(name = "chorus.fault.lose-message-events")
    double loseMessageEvents;

    /** The smallest PBKDF2 count Jakarta Security's Pbkdf2PasswordHash accepts. */
    static final int MIN_PASSWORD_ITERATIONS = 1024;

    @PostConstruct
    void check() {
        List<String> problems = new ArrayList<>(problems(mode, jwtSecret, adminPassword, passwordIterations));
        problems.addAll(faultInjectionProblems(mode, loseMessageEvents));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Chorus will not start: " + String.join("; ", problems));
        }
        if (loseMessageEvents > 0) {
            LOG.warning("Fault injection is on: this node loses " + loseMessageEvents + " of its message events after commit");
        }
        if (DEVELOPMENT.equals(mode)) {
            LOG.warning("Chorus runs in development mode: built-in secrets are accepted. Set CHORUS_MODE=production for real use.");
        }
    }

    /** Fault injection is for the reliability tests: a share in [0, 1], and never in production. */
    static List<String> faultInjectionProblems(String mode, double loseMessageEvents) {
        if (!(loseMessageEvents >= 0 && loseMessageEvents <= 1)) {
            return List.of("chorus.fault.lose-message-events (CHORUS_FAULT_LOSE_MESSAGE_EVENTS) must be between 0 and 1");
        }
        if (loseMessageEvents > 0 && PRODUCTION.equals(mode)) {
            return List.of("unset CHORUS_FAULT_LOSE_MESSAGE_EVENTS: fault injection is for tests, not production");
        }
        return List.of();
    }

    /** What stops a start in this configuration; empty when it may start. */
    static List<String> problems(String mode, String jwtSecret, String adminPassword, int passwordIterations) {
        List<String> problems = new ArrayList<>();
        // Checked here, not at the first sign-up: a lower count starts fine and then fails every hash.
        if (passwordIterations < MIN_PASSWORD_ITERATIONS) {
            problems.add("chorus.password.iterations (CHORUS_PASSWORD_ITERATIONS) must be at least " + MIN_PASSWORD_ITERATIONS);
        }
        if (!DEVELOPMENT.equals(mode) && !PRODUCTION.equals(mode)) {
            problems.add("chorus.mode (CHORUS_MODE) must be development or production");
        } else if (PRODUCTION.equals(mode)) {
            if (BUILT_IN_JWT_SECRET.equals(jwtSecret)) {
                problems.add("set CHORUS_JWT_SECRET: the built-in JWT secret is public");
            }
            if (BUILT_IN_ADMIN_PASSWORD.equals(adminPassword)) {
                problems.add("set CHORUS_ADMIN_PASSWORD: the built-in administrator password is public");
            }
        }
        return problems;
    }
}
