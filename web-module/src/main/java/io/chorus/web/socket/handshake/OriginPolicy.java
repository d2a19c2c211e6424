package io.chorus.web.socket.handshake;

import io.chorus.app.config.ProductionGuard;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open a socket (SPEC §10, {@code chorus.ws.allowed-origins}). A client
 * that sends no {@code Origin} is no browser, and a page elsewhere cannot make a browser leave the
 * header out, so only present origins are checked. An empty list allows any origin in development
 * mode and none in production.
 */
record OriginPolicy(Set<String> allowed, boolean development) {

    static OriginPolicy of(String mode, String allowedOrigins) {
        Set<String> allowed = allowedOrigins == null ? Set.of() : Arrays.stream(allowedOrigins.split(","))
                .map(OriginPolicy::normalize).filter(o -> !o.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new OriginPolicy(allowed, !ProductionGuard.PRODUCTION.equals(mode));
    }

    boolean allows(String origin) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        if (allowed.isEmpty()) {
            return development;
        }
        return allowed.contains(normalize(origin));
    }

    /** Origins compare case-insensitively, without a trailing slash. */
    private static String normalize(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
