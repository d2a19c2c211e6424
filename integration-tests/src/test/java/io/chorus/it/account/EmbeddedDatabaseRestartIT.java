package io.chorus.it.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.Frames;
import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Server;
import io.chorus.it.support.WsClient;
import java.time.Duration;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run command's defaults (H2 file database, embedded Artemis): accounts and acknowledged
 * messages survive a restart, graceful or kill -9. Runs its own node on a port offset, so it needs no Arquillian deployment.
 * The node also gets a short socket idle timeout through an environment variable, which proves
 * that configuration reaches the web module.
 */
class EmbeddedDatabaseRestartIT {

    @Test
    void accountsAndDevices_surviveGracefulRestartAndKill() {
        try (ServerProcess node = ServerProcess.prepare("h2", 300, Map.of("CHORUS_WS_IDLE_TIMEOUT_SECONDS", "2"))) {
            node.start();
            Rest rest = new Rest(node.baseUri());
            People people = new People(rest);
            TestUser user = people.user("persist");
            Login login = people.login(user, "desk");

            node.stop();
            node.start();
            assertEquals(200, rest.get("/api/me", login.token()).status(), "token of a stored device still valid");

            // An account, a friendship and one-to-one sends over /ws (their group commit's statements on
            // H2), all acknowledged, then a kill -9: the accounts log in again and the recipient's device
            // gets every message, in order, from its backlog. One kill for all of it: each start costs ~20 s.
            TestUser second = people.user("persist2");
            people.befriend(user, second);
            Login reader = people.login(second, "reader");
            Login writer = people.login(user, "desk");
            List<String> ids = List.of(Frames.newId(), Frames.newId(), Frames.newId());
            try (WsClient client = WsClient.connect(Server.wsUri(node.baseUri(), "/ws"),
                    Map.of("Authorization", writer.token(), "did", "desk"))) {
                for (String id : ids) {
                    client.send(Frames.c2c(id, second.uid(), "kept " + id));
                }
                client.send(Frames.c2c(ids.get(0), second.uid(), "kept " + ids.get(0)));
                List<Long> seqs = new ArrayList<>();
                while (seqs.size() < ids.size() + 1) {
                    JsonObject frame = client.nextJson(Duration.ofSeconds(10));
                    if (!"S2C".equals(frame.getString("type"))) { // the friendship notices may come first
                        assertEquals("C2C_SERVER_ACK", frame.getString("type"), frame::toString);
                        seqs.add(frame.getJsonNumber("seq").longValue());
                    }
                }
                assertEquals(List.of(1L, 2L, 3L, 1L), seqs, "three stored in order, then the retry's original answer");
            }
            node.kill();
            node.start();
            people.login(user, "laptop");
            people.login(second, "laptop");
            try (WsClient client = WsClient.connect(Server.wsUri(node.baseUri(), "/ws"),
                    Map.of("Authorization", reader.token(), "did", "reader"))) {
                List<String> received = new ArrayList<>();
                while (received.size() < ids.size()) {
                    JsonObject frame = client.nextJson(Duration.ofSeconds(10));
                    if ("C2C".equals(frame.getString("type"))) {
                        received.add(frame.getString("id"));
                    }
                }
                assertEquals(ids, received);
            }

            // Issue 25 on H2: an edit (its audit row under the message's lock), search by substring
            // (H2 has no full-text index: docs/REST.md "Search"), the recent list's mention flag.
            Rest.Reply edited = rest.send("PATCH", "/api/conversations/C2C/" + second.uid() + "/messages/" + ids.get(0),
                    "{\"text\":\"kept, then edited\"}", writer.token());
            assertEquals(200, edited.status(), edited::toString);
            assertEquals(3, rest.get("/api/conversations/search?q=KEPT", reader.token()).json().getJsonArray("results").size());
            JsonObject hit = rest.get("/api/conversations/search?q=edited+kept", reader.token()).json()
                    .getJsonArray("results").getJsonObject(0).getJsonObject("message");
            assertEquals(ids.get(0), hit.getString("id"));
            assertTrue(hit.containsKey("edited_at"), hit::toString);
            JsonObject recent = rest.get("/api/conversations", reader.token()).structure().asJsonArray().getJsonObject(0);
            assertEquals(false, recent.getBoolean("mentioned"), recent::toString);

            Login socketLogin = people.login(second, "idle");
            try (WsClient client = WsClient.connect(Server.wsUri(node.baseUri(), "/ws"),
                    Map.of("Authorization", socketLogin.token(), "did", "idle"))) {
                client.send("ping");
                assertEquals("pong2", client.nextText(Duration.ofSeconds(10)));
                long silentSince = System.nanoTime();
                client.awaitClose(Duration.ofSeconds(20));
                long silentMillis = (System.nanoTime() - silentSince) / 1_000_000;
                assertTrue(silentMillis >= 1500, "closed for idleness, not at once: " + silentMillis + " ms");
            }
        }
    }
}
