package io.chorus.it.message;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One-to-one delivery: live to every device through the cluster topic, backlog replay, per-device acks. */
class DirectDeliveryIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void onlineRecipientDevicesAndSendersOtherDevice_allGetItAndAcksSettleEach() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        try (WsClient aPhone = people.connect(alice, "phone");
             WsClient aLaptop = people.connect(alice, "laptop");
             WsClient bPhone = people.connect(bob, "phone");
             WsClient bTablet = people.connect(bob, "tablet")) {
            String id = newId();
            aPhone.send(c2c(id, bob.uid(), "hi bob"));
            JsonObject ack = aPhone.nextJson(WAIT);
            assertEquals("C2C_SERVER_ACK", ack.getString("type"));

            for (WsClient device : List.of(bPhone, bTablet, aLaptop)) {
                JsonObject message = device.nextJson(WAIT);
                assertEquals("C2C", message.getString("type"), message::toString);
                assertEquals(id, message.getString("id"));
                assertEquals(alice.uid(), message.getString("from"));
                assertEquals(bob.uid(), message.getString("to"));
                assertEquals("hi bob", message.getJsonObject("payload").getString("text"));
                assertEquals(1, message.getJsonNumber("seq").longValue());
                assertEquals(ack.getJsonNumber("server_ts").longValue(), message.getJsonNumber("server_ts").longValue());
            }
            assertEquals(3, pending(id));
            bPhone.send("CLIENT_ACK,C2C," + id + ",phone");
            bTablet.send("CLIENT_ACK,C2C," + id + ",tablet");
            aLaptop.send("CLIENT_ACK,C2C," + id + ",laptop");
            // A ping after each ack: its pong proves the ack before it was handled.
            for (WsClient device : List.of(bPhone, bTablet, aLaptop)) {
                device.send("ping");
                assertEquals("pong2", device.nextText(WAIT));
            }
            assertEquals(0, pending(id));
            assertNull(aPhone.pollText(Duration.ofMillis(300)), "the sending device gets no copy");
        }
    }

    @Test
    void offlineRecipient_getsBacklogInOrderOnEachDeviceAndAcksAreperDevice() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login bobPhone = people.login(bob, "phone");
        Login bobTablet = people.login(bob, "tablet");
        List<String> sent = new ArrayList<>();
        try (WsClient aPhone = people.connect(alice, "phone")) {
            for (int i = 0; i < 200; i++) {
                String id = newId();
                sent.add(id);
                aPhone.send(c2c(id, bob.uid(), "m" + i));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("C2C_SERVER_ACK", aPhone.nextJson(WAIT).getString("type"));
            }
        }
        try (WsClient phone = people.connect(bobPhone)) {
            assertEquals(sent, receiveInOrder(phone, 200));
            for (String id : sent) {
                phone.send("CLIENT_ACK,C2C," + id + ",phone");
            }
            phone.send("ping");
            assertEquals("pong2", phone.nextText(WAIT));
        }
        try (WsClient tablet = people.connect(bobTablet)) {
            assertEquals(sent, receiveInOrder(tablet, 200), "the phone's acks settled the phone only");
        }
    }

    /**
     * Acks are group-committed, yet behave as if each were its own transaction: the frame after an
     * ack (here a ping) finds the copy settled, and acking it again is unknown.
     */
    @Test
    void ack_isSettledBeforeTheNextFrame_andASecondAckOfTheSameCopyIsUnknown() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login b = people.login(bob, "phone");
        try (WsClient aPhone = people.connect(alice, "phone"); WsClient bPhone = people.connect(b)) {
            String id = newId();
            aPhone.send(c2c(id, bob.uid(), "ack me twice"));
            assertEquals(id, bPhone.nextJson(WAIT).getString("id"));
            String pending = "select count(*) from delivery d join device v on v.id = d.device_id join app_user u on u.id = v.user_id "
                    + "where u.account = ?";
            assertEquals(1, Db.count(pending, bob.account()));
            bPhone.send("CLIENT_ACK,C2C," + id + ",phone");
            bPhone.send("ping");
            assertEquals("pong2", bPhone.nextText());
            assertEquals(0, Db.count(pending, bob.account()), "settled before the pong");
            Map<String, String> before = Db.snapshot();
            bPhone.send("CLIENT_ACK,C2C," + id + ",phone");
            assertEquals("unknown_message", bPhone.nextJson(WAIT).getJsonObject("payload").getString("reason"));
            assertEquals(before, Db.snapshot());
        }
    }

    @Test
    void ackForAnUnknownOrForeignMessage_isRefusedAndChangesNothing() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        people.login(bob, "phone");
        try (WsClient aPhone = people.connect(alice, "phone")) {
            String id = newId();
            aPhone.send(c2c(id, bob.uid(), "for bob only"));
            aPhone.nextJson(WAIT);
            Map<String, String> before = Db.snapshot();

            aPhone.send("CLIENT_ACK,C2C," + id + ",phone"); // the sender's device has no copy of it
            JsonObject error = aPhone.nextJson(WAIT);
            assertEquals("unknown_message", error.getJsonObject("payload").getString("reason"));
            aPhone.send("CLIENT_ACK,C2C,nosuchid,phone");
            assertEquals("unknown_message", aPhone.nextJson(WAIT).getJsonObject("payload").getString("reason"));
            assertEquals(before, Db.snapshot());
        }
    }

    private static List<String> receiveInOrder(WsClient client, int count) {
        List<String> ids = new ArrayList<>();
        long lastSeq = 0;
        for (int i = 0; i < count; i++) {
            JsonObject message = client.nextJson(WAIT);
            assertEquals("C2C", message.getString("type"), message::toString);
            long seq = message.getJsonNumber("seq").longValue();
            assertEquals(lastSeq + 1, seq, "seq order without gaps");
            lastSeq = seq;
            ids.add(message.getString("id"));
        }
        return ids;
    }

    private static long pending(String wireId) {
        return Db.count("select count(*) from delivery d join message m on m.id = d.message_id where m.wire_id = ?", wireId);
    }

    @Test
    void unackedLiveMessage_isResentWithItsIdAndStaysInTheBacklog_ackedOneIsNot() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login bobPhone = people.login(bob, "phone");
        try (WsClient aPhone = people.connect(alice, "phone")) {
            String unacked = newId();
            String acked = newId();
            try (WsClient phone = people.connect(bobPhone)) {
                aPhone.send(c2c(unacked, bob.uid(), "ignore me"));
                aPhone.send(c2c(acked, bob.uid(), "ack me"));
                assertEquals(unacked, phone.nextJson(WAIT).getString("id"));
                assertEquals(acked, phone.nextJson(WAIT).getString("id"));
                phone.send("CLIENT_ACK,C2C," + acked + ",phone");

                JsonObject resent = phone.nextJson(Duration.ofSeconds(10)); // first resend after 5 s
                assertEquals(unacked, resent.getString("id"));
                assertEquals(1, resent.getJsonNumber("seq").longValue());
                phone.send("CLIENT_ACK,C2C," + unacked + ",phone");
                assertNull(phone.pollText(Duration.ofSeconds(6)), "nothing is resent once acknowledged");
            }
            String later = newId();
            try (WsClient phone = people.connect(bobPhone)) {
                assertNull(phone.pollText(Duration.ofMillis(500)), "acknowledged messages are not in the backlog");
                aPhone.send(c2c(later, bob.uid(), "still there"));
                assertEquals(later, phone.nextJson(WAIT).getString("id"));
            }
            try (WsClient phone = people.connect(bobPhone)) {
                assertEquals(later, phone.nextJson(WAIT).getString("id"), "unacknowledged: replayed on the next connect");
            }
        }
    }

    @Test
    void twoSendersInterleaving_eachConversationArrivesGapFreeAndInOrder() {
        TestUser alice = people.user("alice");
        TestUser carol = people.user("carol");
        TestUser bob = people.user("bob");
        // Both send to Bob; Alice and Carol never message each other.
        people.befriend(alice, bob);
        people.befriend(carol, bob);
        int perSender = 500;
        try (WsClient bPhone = people.connect(bob, "phone");
             WsClient aPhone = people.connect(alice, "phone");
             WsClient cPhone = people.connect(carol, "phone")) {
            var fromAlice = java.util.concurrent.CompletableFuture.runAsync(() -> sendAndAwaitAcks(aPhone, bob.uid(), perSender));
            var fromCarol = java.util.concurrent.CompletableFuture.runAsync(() -> sendAndAwaitAcks(cPhone, bob.uid(), perSender));

            Map<String, Long> lastSeqBySender = new java.util.HashMap<>();
            for (int i = 0; i < 2 * perSender; i++) {
                JsonObject message = bPhone.nextJson(WAIT);
                String from = message.getString("from");
                long seq = message.getJsonNumber("seq").longValue();
                assertEquals(lastSeqBySender.getOrDefault(from, 0L) + 1, seq, "gap-free and in order per conversation");
                lastSeqBySender.put(from, seq);
                bPhone.send("CLIENT_ACK,C2C," + message.getString("id") + ",phone");
            }
            fromAlice.join();
            fromCarol.join();
            assertEquals(Map.of(alice.uid(), (long) perSender, carol.uid(), (long) perSender), lastSeqBySender);
        }
    }

    private static void sendAndAwaitAcks(WsClient client, String to, int count) {
        for (int i = 0; i < count; i++) {
            client.send(c2c(newId(), to, "n" + i));
        }
        for (int i = 0; i < count; i++) {
            assertEquals("C2C_SERVER_ACK", client.nextJson(WAIT).getString("type"));
        }
    }
}
