package io.chorus.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Server;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import io.chorus.it.support.WsClient;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Production mode (SPEC §10): no start with a built-in secret, and browsers only from the configured
 * origins, on /ws and /jim alike.
 */
class ProductionModeIT {
    private static final String ALLOWED = "https://chat.example.com";

    @Test
    void productionWithABuiltInSecret_refusesToStart_namingWhatToSet() {
        ServerProcess.prepare("prod-defaults", 900, ServerProcess.postgres("CHORUS_MODE", "production"))
                .startExpectingRefusal("set CHORUS_JWT_SECRET");
    }

    @Test
    void production_letsOnlyConfiguredBrowserOriginsOpenSockets_andScrapersWithTheirToken() {
        try (ServerProcess node = ServerProcess.prepare("prod-origins", 1000, ServerProcess.postgres(
                "CHORUS_MODE", "production",
                "CHORUS_JWT_SECRET", "a-production-secret-that-is-long-enough-0123456789",
                "CHORUS_ADMIN_PASSWORD", "a-real-admin-password",
                "CHORUS_WS_ALLOWED_ORIGINS", ALLOWED + ", http://localhost:3000",
                "CHORUS_METRICS_TOKEN", "scrape-token-for-the-test")).start()) {
            URI base = node.baseUri();
            Rest rest = new Rest(base);
            // Metrics need the scrape token; readiness stays open for load balancers.
            assertEquals(401, rest.get("/metrics", null).status());
            assertEquals(401, rest.get("/metrics", "not-the-scrape-token").status());
            Rest.Reply scraped = rest.get("/metrics", "scrape-token-for-the-test");
            assertEquals(200, scraped.status(), scraped::toString);
            assertTrue(scraped.body().contains("chorus_"), "Prometheus text");
            assertEquals(200, rest.get("/health/ready", null).status());
            People people = new People(rest);
            TestUser alice = people.user("alice");
            Login phone = people.login(alice, "phone");
            URI ws = Server.wsUri(base, "/ws");
            Map<String, String> auth = Map.of("Authorization", "Bearer " + phone.token());

            try (WsClient fromAllowed = WsClient.connect(ws, with(auth, "Origin", ALLOWED));
                 WsClient noOrigin = WsClient.connect(ws, auth)) {
                assertTrue(fromAllowed.isOpen() && noOrigin.isOpen());
            }
            // Refused before the upgrade; WildFly's Undertow answers a failed origin check with 404.
            assertEquals(404, refusedWith(assertThrows(RuntimeException.class,
                    () -> WsClient.connect(ws, with(auth, "Origin", "https://evil.example")))));
            assertEquals(404, refusedWith(assertThrows(RuntimeException.class,
                    () -> JimClient.connect(base, Map.of("Origin", "https://evil.example")))));
            try (JimClient jim = JimClient.connect(base, Map.of("Origin", ALLOWED))) {
                assertEquals(0, jim.call(JimWire.AUTH, JimClient.authRequest(alice.account(), Users.PASSWORD, 1)).getInt("c"));
            }
        }
    }

    /** The HTTP status that refused the upgrade. */
    private static int refusedWith(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
        }
        throw new AssertionError("not a refused handshake", failure);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return all;
    }
}
