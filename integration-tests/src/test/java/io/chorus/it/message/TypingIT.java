package io.chorus.it.message;

import static io.chorus.it.message.Receipts.WAIT;
import static io.chorus.it.message.Receipts.next;
import static io.chorus.it.message.Receipts.reason;
import static io.chorus.it.message.Receipts.typing;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typing: fire and forget, to online devices only, throttled per device, never stored. */
class TypingIT extends BlackBoxIT {

    @Test
    void aFloodOfTyping_reachesTheOnlinePeerOnce_isNeverStored_andNotReplayedLater() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login bobTablet = people.login(bob, "tablet");
        try (WsClient aPhone = people.connect(alice, "phone");
             WsClient bPhone = people.connect(bob, "phone").withReceipts()) {
            Map<String, String> before = Db.snapshotAll(List.of("device_connection"));
            for (int i = 0; i < 30; i++) {
                aPhone.send(typing("C2C_TYPING", bob.uid()));
            }
            aPhone.send("ping");
            assertEquals("pong2", aPhone.nextText(WAIT), "typing has no answer");
            assertEquals(before, Db.snapshotAll(List.of("device_connection")), "nothing stored");

            JsonObject typing = bPhone.nextJson(WAIT);
            assertEquals("C2C_TYPING", typing.getString("type"), typing::toString);
            assertEquals(alice.uid(), typing.getString("from"));
            assertEquals(bob.uid(), typing.getString("to"));
            assertEquals(6000, typing.getJsonNumber("expires_in").longValue());

            String id = newId();
            aPhone.send(c2c(id, bob.uid(), "done typing"));
            assertEquals(id, bPhone.nextJson(WAIT).getString("id"), "the flood was throttled to one notice");
        }
        try (WsClient tablet = people.connect(bobTablet).withReceipts()) {
            assertEquals("C2C", tablet.nextJson(WAIT).getString("type"), "an offline device gets the message, never the typing");
        }
    }

    @Test
    void groupTyping_reachesTheOtherMembers() {
        TestUser ann = people.user("ann");
        Login owner = people.login(people.user("owner"), "phone");
        String gid = people.group(owner, "typists", ann);
        try (WsClient ownerSocket = people.connect(owner).withReceipts();
             WsClient annSocket = people.connect(ann, "phone")) {
            annSocket.send(typing("c2g_typing", gid));
            JsonObject typing = next(ownerSocket, "C2G_TYPING");
            assertEquals(ann.uid(), typing.getString("from"));
            assertEquals(gid, typing.getString("to"));
        }
    }

    @Test
    void aMutedMember_mayNotType() {
        TestUser ann = people.user("ann");
        Login owner = people.login(people.user("owner"), "phone");
        String gid = people.group(owner, "hush", ann);
        assertEquals(204, rest.send("PATCH", "/api/groups/" + gid + "/members/" + ann.uid(), "{\"muted\":true}", owner.token())
                .status());
        try (WsClient annSocket = people.connect(ann, "phone")) {
            annSocket.send(typing("C2G_TYPING", gid));
            JsonObject refused = annSocket.nextJson(WAIT);
            while (!refused.getString("type").equals("error")) { // the group's join notice comes first
                refused = annSocket.nextJson(WAIT);
            }
            assertEquals("muted", reason(refused));
        }
    }

    @Test
    void typingWhereOneMayNotSend_isRefused_andChangesNothing() {
        TestUser alice = people.user("alice");
        TestUser stranger = people.user("stranger");
        Login owner = people.login(people.user("owner"), "phone");
        String gid = people.group(owner, "closed", stranger);
        try (WsClient aPhone = people.connect(alice, "phone");
             WsClient strangerSocket = people.connect(stranger, "phone").withReceipts()) {
            Map<String, String> before = Db.snapshotAll(List.of("device_connection"));
            aPhone.send(typing("C2C_TYPING", stranger.uid()));
            assertEquals("not_a_friend", reason(aPhone.nextJson(WAIT)));
            aPhone.send(typing("C2G_TYPING", gid));
            assertEquals("not_a_member", reason(aPhone.nextJson(WAIT)));
            aPhone.send(typing("C2C_TYPING", "not an id"));
            assertEquals("invalid_field", reason(aPhone.nextJson(WAIT)));
            assertEquals(before, Db.snapshotAll(List.of("device_connection")));

            // The stranger heard nothing: no typing comes before the owner's message, sent after all that.
            try (WsClient ownerSocket = people.connect(owner)) {
                String id = newId();
                ownerSocket.send(Receipts.c2g(id, gid, "hi"));
                JsonObject frame = strangerSocket.nextJson(WAIT);
                while (!frame.getString("type").equals("C2G")) {
                    assertFalse(frame.getString("type").endsWith("_TYPING"), frame::toString);
                    frame = strangerSocket.nextJson(WAIT);
                }
                assertEquals(id, frame.getString("id"));
            }
        }
    }
}
