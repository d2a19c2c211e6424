package io.chorus.it.message;

import static io.chorus.it.message.Receipts.WAIT;
import static io.chorus.it.message.Receipts.c2g;
import static io.chorus.it.message.Receipts.next;
import static io.chorus.it.message.Receipts.read;
import static io.chorus.it.message.Receipts.reason;
import static io.chorus.it.message.Receipts.typing;
import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Read state (docs/PROTOCOL.md, "Read state, receipts and typing"): a read moves the cursor, the
 * reader's other devices follow with their unread count, the one-to-one peer gets a read receipt
 * unless the reader keeps its reads private; group read counts on request.
 */
class ReadStateIT extends BlackBoxIT {

    @Test
    void readOnTheLaptop_thePhoneFollows_thePeerGetsAReceipt_andReadingBackChangesNothing() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login aliceRest = people.login(alice, "rest");
        try (WsClient laptop = people.connect(alice, "laptop");
             WsClient phone = people.connect(alice, "phone").withReceipts();
             WsClient bPhone = people.connect(bob, "phone").withReceipts()) {
            sendTo(bPhone, alice, 3);
            assertEquals(3, unread(aliceRest, bob));

            laptop.send(read("C2C_READ", bob.uid(), 2));

            JsonObject followed = next(phone, "C2C_READ");
            assertEquals(alice.uid(), followed.getString("from"));
            assertEquals(bob.uid(), followed.getString("to"));
            assertEquals(2, followed.getJsonNumber("seq").longValue());
            assertEquals(1, followed.getJsonNumber("unread").longValue(), "the phone's unread count follows");
            JsonObject receipt = next(bPhone, "C2C_READ");
            assertEquals(alice.uid(), receipt.getString("from"));
            assertEquals(bob.uid(), receipt.getString("to"));
            assertEquals(2, receipt.getJsonNumber("seq").longValue());
            assertFalse(receipt.containsKey("unread"), "the reader's unread count is its own");
            assertEquals(1, unread(aliceRest, bob));

            laptop.send(read("c2c_read", bob.uid(), 1)); // backwards: nothing moves, nobody is told
            laptop.send(read("C2C_READ", bob.uid(), 2)); // the same: nothing either
            laptop.send(read("C2C_READ", bob.uid(), 3));
            assertEquals(3, next(phone, "C2C_READ").getJsonNumber("seq").longValue(), "no frame for the reads that moved nothing");
            assertEquals(3, next(bPhone, "C2C_READ").getJsonNumber("seq").longValue());
            assertEquals(0, unread(aliceRest, bob));
        }
    }

    @Test
    void readOverRest_tellsTheSocketsToo_butNotTheReadingDevice() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login alicePhone = people.login(alice, "phone");
        try (WsClient phone = people.connect(alicePhone).withReceipts();
             WsClient bPhone = people.connect(bob, "phone").withReceipts()) {
            sendTo(bPhone, alice, 2);
            // The phone reads over REST: it knows; its socket is not told. The tablet has no socket.
            assertEquals(204, rest.post("/api/conversations/C2C/" + bob.uid() + "/read", obj("seq", 1), alicePhone.token()).status());
            assertEquals(1, next(bPhone, "C2C_READ").getJsonNumber("seq").longValue());
            Login tablet = people.login(alice, "tablet");
            assertEquals(204, rest.post("/api/conversations/C2C/" + bob.uid() + "/read", obj("seq", 2), tablet.token()).status());
            JsonObject followed = next(phone, "C2C_READ");
            assertEquals(2, followed.getJsonNumber("seq").longValue(), "the phone's first read frame is the tablet's read");
            assertEquals(0, followed.getJsonNumber("unread").longValue());
        }
    }

    @Test
    void withReceiptsOff_thePeerGetsNone_butTheOwnDevicesStillFollow() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login aliceRest = people.login(alice, "rest");
        assertEquals(Json.createObjectBuilder().add("read_receipts", true).build(),
                rest.get("/api/me/privacy", aliceRest.token()).json());
        try (WsClient laptop = people.connect(alice, "laptop");
             WsClient phone = people.connect(alice, "phone").withReceipts();
             WsClient bPhone = people.connect(bob, "phone").withReceipts()) {
            sendTo(bPhone, alice, 3);
            assertEquals(204, rest.send("PUT", "/api/me/privacy", "{\"read_receipts\":false}", aliceRest.token()).status());
            assertEquals(JsonValue.FALSE, rest.get("/api/me/privacy", aliceRest.token()).json().get("read_receipts"));

            laptop.send(read("C2C_READ", bob.uid(), 1));
            assertEquals(1, next(phone, "C2C_READ").getJsonNumber("seq").longValue());
            // Bob learns nothing from the cursor either.
            assertEquals(List.of(Map.of("seq", 1L, "read", 0L, "of", 1L)),
                    counts(rest.get("/api/conversations/C2C/" + alice.uid() + "/read-counts?seqs=1", people.login(bob, "rest").token())));

            assertEquals(204, rest.send("PUT", "/api/me/privacy", "{\"read_receipts\":true}", aliceRest.token()).status());
            laptop.send(read("C2C_READ", bob.uid(), 2));
            assertEquals(2, next(bPhone, "C2C_READ").getJsonNumber("seq").longValue(), "no receipt was sent for seq 1");
        }
    }

    @Test
    void badReads_areRefused_andChangeNothing() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        TestUser stranger = people.user("stranger");
        Login owner = people.login(people.user("owner"), "phone");
        String gid = people.group(owner, "not alice's", stranger);
        Login aliceRest = people.login(alice, "rest");
        try (WsClient laptop = people.connect(alice, "laptop");
             WsClient bPhone = people.connect(bob, "phone")) {
            sendTo(bPhone, alice, 1);
            // The laptop takes its copy first, so that only answers to the bad reads come after.
            laptop.send(ack("C2C", next(laptop, "C2C").getString("id"), "laptop"));
            laptop.send("ping");
            assertEquals("pong2", laptop.nextText(WAIT));
            Map<String, String> before = Db.snapshotAll(List.of("device_connection"));

            laptop.send(read("C2C_READ", bob.uid(), 2));
            assertEquals("invalid_field", reason(laptop.nextJson(WAIT)), "beyond the last message");
            laptop.send(read("C2C_READ", stranger.uid(), 1));
            assertEquals("not_found", reason(laptop.nextJson(WAIT)), "no conversation with a stranger");
            laptop.send(read("C2G_READ", gid, 1));
            assertEquals("not_found", reason(laptop.nextJson(WAIT)), "not a member");
            laptop.send("{\"type\":\"C2C_READ\",\"to\":\"" + bob.uid() + "\",\"seq\":-1}");
            assertEquals("invalid_field", reason(laptop.nextJson(WAIT)));
            laptop.send("{\"type\":\"C2C_READ\",\"to\":\"" + bob.uid() + "\"}");
            assertEquals("invalid_field", reason(laptop.nextJson(WAIT)));

            assertEquals("invalid_field", rest.send("PUT", "/api/me/privacy", "{}", aliceRest.token()).reason());
            assertEquals(400, rest.send("PUT", "/api/me/privacy", "{\"read_receipts\":\"no\"}", aliceRest.token()).status());
            String counts = "/api/conversations/C2C/" + bob.uid() + "/read-counts";
            assertEquals("invalid_field", rest.get(counts + "?seqs=", aliceRest.token()).reason());
            assertEquals("invalid_field", rest.get(counts + "?seqs=1,x", aliceRest.token()).reason());
            assertEquals("invalid_field", rest.get(counts + "?seqs=0", aliceRest.token()).reason());
            assertEquals("invalid_field", rest.get(counts + "?seqs=2", aliceRest.token()).reason());
            assertEquals(404, rest.get("/api/conversations/C2G/" + gid + "/read-counts?seqs=1", aliceRest.token()).status());
            assertEquals(before, Db.snapshotAll(List.of("device_connection")));
        }
    }

    @Test
    void groupReadCounts_comeOnRequest_fromTheMembersCursors_withoutAPushPerMember() {
        TestUser ann = people.user("ann");
        TestUser ben = people.user("ben");
        TestUser cat = people.user("cat");
        Login owner = people.login(people.user("owner"), "phone");
        String gid = people.group(owner, "readers", ann, ben, cat);
        Login catRest = people.login(cat, "rest");
        try (WsClient ownerSocket = people.connect(owner).withReceipts();
             WsClient annLaptop = people.connect(ann, "laptop");
             WsClient annPhone = people.connect(ann, "phone").withReceipts()) {
            for (int i = 1; i <= 2; i++) {
                ownerSocket.send(c2g(newId(), gid, "m" + i));
                assertEquals(i, next(ownerSocket, "C2G_SERVER_ACK").getJsonNumber("seq").longValue());
            }
            assertEquals(204, rest.send("PUT", "/api/me/privacy", "{\"read_receipts\":false}", catRest.token()).status());

            annLaptop.send(read("C2G_READ", gid, 2));
            JsonObject followed = next(annPhone, "C2G_READ");
            assertEquals(gid, followed.getString("to"));
            assertEquals(0, followed.getJsonNumber("unread").longValue());
            assertEquals(204, rest.post("/api/conversations/C2G/" + gid + "/read", obj("seq", 1), people.login(ben, "rest").token())
                    .status());
            assertEquals(204, rest.post("/api/conversations/C2G/" + gid + "/read", obj("seq", 2), catRest.token()).status());

            // Ann read both, Ben the first, Cat keeps hers private: 3 members could read each.
            assertEquals(List.of(Map.of("seq", 1L, "read", 2L, "of", 3L), Map.of("seq", 2L, "read", 1L, "of", 3L)),
                    counts(rest.get("/api/conversations/C2G/" + gid + "/read-counts?seqs=2,1", owner.token())));
            // The owner heard of no read: the next frame of the kind it gets is a typing that came after them.
            annLaptop.send(typing("C2G_TYPING", gid));
            JsonObject after = ownerSocket.nextJson(WAIT);
            while (!after.getString("type").startsWith("C2G_TYPING")) {
                assertFalse(after.getString("type").equals("C2G_READ"), after::toString);
                after = ownerSocket.nextJson(WAIT);
            }
        }
    }

    @Test
    void aJimRead_isTold_toTheWsDevices_andThePeer() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        try (WsClient phone = people.connect(alice, "phone").withReceipts();
             WsClient bPhone = people.connect(bob, "phone").withReceipts()) {
            sendTo(bPhone, alice, 2);
            try (JimClient jim = people.jim(alice, 1)) {
                jim.call(JimWire.GET_MSG_HISTORY, obj("u", rawId(alice), "c", obj("id", rawId(bob), "t", 1), "sz", 50));
            }
            JsonObject followed = next(phone, "C2C_READ");
            assertEquals(2, followed.getJsonNumber("seq").longValue());
            assertEquals(0, followed.getJsonNumber("unread").longValue());
            assertEquals(2, next(bPhone, "C2C_READ").getJsonNumber("seq").longValue());
        }
    }

    /** {@code count} messages from {@code from}'s socket to {@code to}, each acknowledged by the server. */
    private static void sendTo(WsClient from, TestUser to, int count) {
        for (int i = 0; i < count; i++) {
            from.send(c2c(newId(), to.uid(), "hello " + i));
            assertEquals("C2C_SERVER_ACK", next(from, "C2C_SERVER_ACK").getString("type"));
        }
    }

    private static long rawId(TestUser user) {
        return Db.count("select id from app_user where account = ?", user.account());
    }

    private long unread(Login login, TestUser peer) {
        return rest.get("/api/conversations", login.token()).structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("id").equals(peer.uid())).findFirst()
                .map(c -> c.getJsonNumber("unread").longValue()).orElse(0L);
    }

    private static List<Map<String, Long>> counts(io.chorus.it.support.Rest.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("counts").stream().map(JsonValue::asJsonObject)
                .map(c -> Map.of("seq", c.getJsonNumber("seq").longValue(), "read", c.getJsonNumber("read").longValue(),
                        "of", c.getJsonNumber("of").longValue()))
                .toList();
    }
}
