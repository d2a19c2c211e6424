package io.chorus.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.Db;
import io.chorus.it.support.Metrics;
import io.chorus.it.support.Rest;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.Login;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up and readiness (docs/PERFORMANCE.md "Cold start"): with
 * {@code CHORUS_WARMUP_MESSAGES} set, the application's {@code /health/ready} says DOWN (database and
 * broker up, warm-up not done) until the node has sent that many messages to itself through /ws, then
 * UP; the first quiet round is followed by a rehearsal of the end (sockets closed, messages removed)
 * and another round over sockets opened again; and the warm-up leaves no account behind. Small on
 * purpose (300 messages a round, 2 pairs, every round taken for quiet): what is tested is the
 * mechanics and the clean-up, not the speed-up, which docs/PERFORMANCE.md measures; WarmupRuleTest
 * tests the rule's decisions.
 */
class WarmupReadinessIT {
    private static final int MESSAGES = 300;

    @Test
    void readiness_isDownUntilTheWarmUpRan_thenUp_andTheWarmUpLeavesNoAccount() {
        long launchedAtMillis = Db.count("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint");
        try (ServerProcess node = ServerProcess.prepare("warmup", 1700, ServerProcess.postgres(
                // Every round taken for quiet (the JIT's share of a core stays under 4 even on a fresh
                // JVM): on its own a fresh JVM would go on with rounds until one compiles next to
                // nothing. So a second round comes only from the rehearsal. The bound is a safety net.
                "CHORUS_WARMUP_MESSAGES", Integer.toString(MESSAGES), "CHORUS_WARMUP_PAIRS", "2",
                "CHORUS_WARMUP_QUIET_SHARE", "4", "CHORUS_WARMUP_MAX_SECONDS", "60")).launch()) {
            Rest rest = new Rest(node.baseUri());
            List<Rest.Reply> answers = new ArrayList<>();
            // From the launch on, every answer of the deployed application's readiness, until it says UP.
            // At most 40 messages/s per device (the warm-up's pace) for 4 devices: 300 take at least
            // ~1.9 s, against a 100 ms poll, so the DOWN answers cannot be missed.
            Awaitility.await("readiness UP after the warm-up").atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        Rest.Reply reply = readiness(rest);
                        if (reply != null && (reply.status() == 200 || reply.status() == 503)) {
                            answers.add(reply);
                        }
                        return reply != null && reply.status() == 200;
                    });
            Rest.Reply firstAnswer = answers.get(0);
            assertEquals(503, firstAnswer.status(), () -> "the first readiness answer must be DOWN, warming up: " + answers);
            JsonObject down = firstAnswer.json();
            assertEquals("DOWN", down.getString("status"), down::toString);
            assertEquals("DOWN", check(down, "warm-up").getString("status"), down::toString);
            assertEquals("UP", check(down, "database").getString("status"), "DOWN only for the warm-up: " + down);

            JsonObject up = answers.get(answers.size() - 1).json();
            assertEquals("UP", check(up, "warm-up").getString("status"), up::toString);

            // The warm-up ran its messages through the node (not just its time bound), and a second
            // round of them after the rehearsal, over sockets opened again (every round is quiet here)...
            String metrics = rest.get("/metrics", null).body();
            assertTrue(Metrics.counter(metrics, "chorus_deliveries_total") >= 2 * MESSAGES, "warm-up deliveries counted: " + metrics.lines()
                    .filter(l -> l.startsWith("chorus_deliveries_total")).toList());
            // ...and left no account (nor, by the schema's cascades, anything its accounts wrote).
            Login admin = Admins.login(rest, "console");
            Rest.Reply users = rest.get("/api/admin/users?q=~warmup.", admin.token());
            assertEquals(200, users.status(), users::toString);
            assertEquals("[]", users.body().strip(), "no warm-up account left");
            // ...and had the tables it wrote and emptied again analyzed before it said UP.
            assertEquals(2, Db.count("SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('message', 'delivery') "
                    + "AND last_analyze >= to_timestamp(? / 1000.0)", launchedAtMillis), "planner statistics refreshed after the warm-up");
        }
    }

    private static Rest.Reply readiness(Rest rest) {
        try {
            return rest.get("/health/ready", null);
        } catch (IllegalStateException notListeningYet) {
            return null;
        }
    }

    private static JsonObject check(JsonObject health, String name) {
        JsonObject found = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> name.equals(c.getString("name"))).findFirst().orElse(null);
        assertNotNull(found, () -> "no check " + name + " in " + health);
        return found;
    }
}
