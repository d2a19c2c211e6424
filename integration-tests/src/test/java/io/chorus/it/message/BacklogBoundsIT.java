package io.chorus.it.message;

import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.it.support.Db;
import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5.5 on a node of its own with small bounds: a backlog keeps its newest messages (oldest
 * dropped), and what stays pending expires.
 */
class BacklogBoundsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void backlog_keepsTheNewestAndExpires() {
        Map<String, String> env = ServerProcess.postgres(
                "CHORUS_DELIVERY_BACKLOG_LIMIT", "5",
                "CHORUS_DELIVERY_BACKLOG_EXPIRY_SECONDS", "30",
                "CHORUS_DELIVERY_CLEANUP_INTERVAL_SECONDS", "1");
        try (ServerProcess node = ServerProcess.prepare("bounds", 500, env).start()) {
            People people = new People(new Rest(node.baseUri()));
            TestUser alice = people.user("alice");
            TestUser bob = people.friendOf(alice, "bob");
            Login bobPhone = people.login(bob, "phone");
            List<String> sent = new ArrayList<>();
            try (WsClient sender = people.connect(alice, "phone")) {
                for (int i = 0; i < 8; i++) {
                    String id = newId();
                    sent.add(id);
                    sender.send(c2c(id, bob.uid(), "m" + i));
                    assertEquals("C2C_SERVER_ACK", sender.nextJson(WAIT).getString("type"));
                }
            }
            Awaitility.await("backlog trimmed to 5").atMost(Duration.ofSeconds(15))
                    .until(() -> pendingFor(bob.account()) == 5);

            try (WsClient phone = people.connect(bobPhone)) {
                for (int i = 3; i < 8; i++) {
                    JsonObject message = phone.nextJson(WAIT);
                    assertEquals(sent.get(i), message.getString("id"), "the newest five, oldest first");
                    assertEquals(i + 1, message.getJsonNumber("seq").longValue());
                }
            }
            Awaitility.await("backlog expired").atMost(Duration.ofSeconds(60))
                    .until(() -> pendingFor(bob.account()) == 0);
            try (WsClient phone = people.connect(bobPhone)) {
                assertNull(phone.pollText(Duration.ofMillis(500)));
            }
        }
    }

    private static long pendingFor(String account) {
        return Db.count("select count(*) from delivery d join device v on v.id = d.device_id "
                + "join app_user u on u.id = v.user_id where u.account = ?", account);
    }
}
