package io.chorus.it.message;

import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** C2C_REVOKE: the author only; peers are told; history and backlog show the stub. */
class RevokeIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void authorRevokes_peerIsToldAndHistoryAndBacklogShowTheStub() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login bobTablet = people.login(bob, "tablet");
        try (WsClient aPhone = people.connect(alice, "phone");
             WsClient bPhone = people.connect(bob, "phone")) {
            String id = newId();
            aPhone.send(c2c(id, bob.uid(), "oops, wrong chat"));
            aPhone.nextJson(WAIT);
            assertEquals(id, bPhone.nextJson(WAIT).getString("id"));

            aPhone.send("{\"type\":\"c2c_revoke\",\"id\":\"" + id + "\",\"to\":\"" + bob.uid() + "\"}");
            JsonObject ack = aPhone.nextJson(WAIT);
            assertEquals("C2C_REVOKE_ACK", ack.getString("type"), ack::toString);
            assertEquals(id, ack.getString("id"));

            JsonObject told = bPhone.nextJson(WAIT);
            assertEquals("C2C_REVOKE", told.getString("type"));
            assertEquals(id, told.getString("id"));
            assertEquals(alice.uid(), told.getString("from"));
            assertEquals("peer_revoked", told.getJsonObject("payload").getString("custom_type"));

            JsonObject stored = rest.get("/api/conversations/C2C/" + alice.uid() + "/messages", bobTablet.token())
                    .json().getJsonArray("messages").getJsonObject(0);
            assertEquals("peer_revoked", stored.getJsonObject("payload").getString("custom_type"));
        }
        try (WsClient tablet = people.connect(bobTablet)) {
            JsonObject replayed = tablet.nextJson(WAIT);
            assertEquals("peer_revoked", replayed.getJsonObject("payload").getString("custom_type"), "the backlog never shows the content");
        }
    }

    /**
     * A device that had the message, acknowledged it and went offline before the revoke is told at
     * its next connect, once: the revoke is owed to it until written (docs/RELIABILITY.md).
     */
    @Test
    void aDeviceOfflineAtTheRevoke_isToldAtItsNextConnect_once() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login bobPhone = people.login(bob, "phone");
        String id = newId();
        try (WsClient aPhone = people.connect(alice, "phone")) {
            try (WsClient bPhone = people.connect(bobPhone)) {
                aPhone.send(c2c(id, bob.uid(), "sent to the wrong person"));
                aPhone.nextJson(WAIT);
                assertEquals(id, bPhone.nextJson(WAIT).getString("id"));
                bPhone.send(ack("C2C", id, bobPhone.did()));
                Awaitility.await().atMost(WAIT).until(() -> Db.count("select count(*) from delivery d join device v on v.id = d.device_id "
                        + "join app_user u on u.id = v.user_id where u.account = ?", bob.account()) == 0);
            }
            aPhone.send("{\"type\":\"C2C_REVOKE\",\"id\":\"" + id + "\",\"to\":\"" + bob.uid() + "\"}");
            assertEquals("C2C_REVOKE_ACK", aPhone.nextJson(WAIT).getString("type"));
        }
        try (WsClient bPhone = people.connect(bobPhone)) {
            JsonObject told = bPhone.nextJson(WAIT);
            assertEquals("C2C_REVOKE", told.getString("type"), told::toString);
            assertEquals(id, told.getString("id"));
            assertEquals(alice.uid(), told.getString("from"));
            assertEquals(bob.uid(), told.getString("to"));
        }
        try (WsClient bPhone = people.connect(bobPhone)) {
            assertNull(bPhone.pollText(Duration.ofSeconds(2)), "told once: nothing is owed any more");
        }
    }

    @Test
    void onlyTheAuthorMayRevoke_andNothingChangesOtherwise() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        try (WsClient aPhone = people.connect(alice, "phone");
             WsClient bPhone = people.connect(bob, "phone")) {
            String id = newId();
            aPhone.send(c2c(id, bob.uid(), "mine"));
            aPhone.nextJson(WAIT);
            bPhone.nextJson(WAIT);
            Map<String, String> before = Db.snapshot();

            bPhone.send("{\"type\":\"C2C_REVOKE\",\"id\":\"" + id + "\",\"to\":\"" + alice.uid() + "\"}");
            JsonObject error = bPhone.nextJson(WAIT);
            assertEquals("unknown_message", error.getJsonObject("payload").getString("reason"));
            aPhone.send("{\"type\":\"C2C_REVOKE\",\"id\":\"no-such-id\",\"to\":\"" + bob.uid() + "\"}");
            assertEquals("unknown_message", aPhone.nextJson(WAIT).getJsonObject("payload").getString("reason"));
            assertEquals(before, Db.snapshot());
        }
    }
}
