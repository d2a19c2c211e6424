package io.chorus.it.message;

import static io.chorus.it.support.Frames.assertRefusal;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Metrics;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Storing one-to-one messages: ack after commit, idempotent retries, gap-free seq per conversation. */
class DirectSendIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void send_isAcknowledgedWithSeqAndStoredForEveryOtherDevice() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login alicePhone = people.login(alice, "phone");
        people.login(alice, "laptop");
        people.login(bob, "phone");
        people.login(bob, "tablet");

        try (WsClient client = people.connect(alicePhone)) {
            String id = newId();
            client.send(c2c(id, bob.uid(), "hello"));
            JsonObject ack = client.nextJson(WAIT);

            assertEquals("C2C_SERVER_ACK", ack.getString("type"), ack::toString);
            assertEquals(id, ack.getString("id"));
            assertEquals(1, ack.getJsonNumber("seq").longValue());
            assertTrue(ack.getJsonNumber("server_ts").longValue() > 0);
            assertEquals(1, Db.count("select count(*) from message m join app_user u on u.id = m.sender_id where u.account = ? and m.wire_id = ?",
                    alice.account(), id));
            // Bob's two devices and Alice's laptop; not the sending phone.
            assertEquals(3, Db.count("select count(*) from delivery d join message m on m.id = d.message_id where m.wire_id = ?", id));
        }
    }

    @Test
    void sameIdThreeTimes_isStoredOnceAndAnsweredIdentically() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        people.login(bob, "phone");
        try (WsClient client = people.connect(alice, "phone")) {
            String id = newId();
            List<String> acks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                client.send(c2c(id, bob.uid(), "once"));
                acks.add(client.nextText(WAIT));
            }
            assertEquals(acks.get(0), acks.get(1));
            assertEquals(acks.get(0), acks.get(2));
            assertEquals(1, Db.count("select count(*) from message where wire_id = ?", id));
            assertEquals(1, Db.count("select count(*) from delivery d join message m on m.id = d.message_id where m.wire_id = ?", id));
        }
    }

    @Test
    void twoDevicesSendingAtOnce_getGapFreeSeqInOneConversation() {
        TestUser alice = people.user("alice");
        TestUser carol = people.friendOf(alice, "carol");
        int perDevice = 300;
        try (WsClient phone = people.connect(alice, "phone");
             WsClient laptop = people.connect(alice, "laptop")) {
            CompletableFuture<List<Long>> fromPhone = CompletableFuture.supplyAsync(() -> sendMany(phone, carol.uid(), perDevice));
            CompletableFuture<List<Long>> fromLaptop = CompletableFuture.supplyAsync(() -> sendMany(laptop, carol.uid(), perDevice));

            TreeSet<Long> seqs = new TreeSet<>(fromPhone.join());
            seqs.addAll(fromLaptop.join());

            assertEquals(LongStream.rangeClosed(1, 2L * perDevice).boxed().toList(), List.copyOf(seqs), "every seq once, no gap");
            assertIncreasing(fromPhone.join());
            assertIncreasing(fromLaptop.join());
        }
    }

    /**
     * With the friendship gate (SPEC §7) an unknown uid is refused like any stranger, so the answer
     * does not tell which uids exist.
     */
    @Test
    void sendToUnknownRecipient_isRefusedAndStoresNothing() {
        Login alice = people.loggedIn("alice", "phone");
        try (WsClient client = people.connect(alice)) {
            Map<String, String> before = Db.snapshot();
            client.send(c2c("lost-1", "NoSuchUid9", "hello?"));

            assertRefusal(client.nextJson(WAIT), "lost-1", alice.uid(), "not_a_friend");
            assertEquals(before, Db.snapshot());
            client.send("ping");
            assertEquals("pong2", client.nextText(WAIT));
        }
    }

    /**
     * Sends pipelined without waiting share group commits (DirectSends): each still gets exactly
     * the answer it would get alone, in the order sent, refusals store nothing, a repeated id is a
     * retry even within one batch, and the conversation's seq has no gap where refusals were.
     */
    @Test
    void pipelinedSends_mixedWithRefusalsAndRetries_areAnsweredInOrderAsIfAlone() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        TestUser dave = people.user("dave");
        people.befriendAll(alice, bob, dave);
        Login bobPhone = people.login(bob, "phone");
        Login davePhone = people.login(dave, "phone");
        assertEquals(204, rest.send("PUT", "/api/denylist/" + alice.uid(), null, davePhone.token()).status());
        Login alicePhone = people.login(alice, "phone");
        double splitBefore = Metrics.counter("chorus_send_batches_split_total");
        try (WsClient client = people.connect(alicePhone)) {
            // The committer takes the first send at once; the rest arrive while it commits and share a batch.
            String warmUp = newId();
            String first = newId();
            String second = newId();
            String stranger = newId();
            String unknown = newId();
            String denied = newId();
            String malformed = newId();
            for (String frame : List.of(c2c(warmUp, bob.uid(), "zero"), c2c(first, bob.uid(), "one"), c2c(stranger, carol.uid(), "no"),
                    c2c(unknown, "NoSuchUid9", "no"), c2c(first, bob.uid(), "one"), c2c(denied, dave.uid(), "no"),
                    "{\"type\":\"C2C\",\"id\":\"" + malformed + "\",\"to\":\"" + bob.uid() + "\"}",
                    c2c(second, bob.uid(), "two"), "ping")) {
                client.send(frame);
            }

            assertEquals(warmUp, client.nextJson(WAIT).getString("id"));
            JsonObject firstAck = client.nextJson(WAIT);
            assertEquals("C2C_SERVER_ACK", firstAck.getString("type"), firstAck::toString);
            assertEquals(first, firstAck.getString("id"));
            assertEquals(2, firstAck.getJsonNumber("seq").longValue());
            assertRefusal(client.nextJson(WAIT), stranger, alice.uid(), "not_a_friend");
            assertRefusal(client.nextJson(WAIT), unknown, alice.uid(), "not_a_friend");
            assertEquals(firstAck, client.nextJson(WAIT), "a retry in the same pipeline gets the original answer");
            assertRefusal(client.nextJson(WAIT), denied, alice.uid(), "in_denylist");
            JsonObject rejected = client.nextJson(WAIT);
            assertEquals("error", rejected.getString("type"), "a frame refused on the spot waits its turn: " + rejected);
            assertEquals(malformed, rejected.getJsonObject("payload").getString("ref"));
            JsonObject secondAck = client.nextJson(WAIT);
            assertEquals(second, secondAck.getString("id"), secondAck::toString);
            assertEquals(3, secondAck.getJsonNumber("seq").longValue(), "no gap where the refusals were");
            assertEquals("pong2", client.nextText(WAIT), "the ping is answered after every send before it");

            String chatOf = "select count(*) from message m join conversation c on c.id = m.conversation_id and c.kind = 'C2C' ";
            assertEquals(3, Db.count(chatOf + "join app_user u on u.id = m.sender_id where u.account = ?", alice.account()),
                    "only the accepted messages are stored");
            String copiesOf = "select count(*) from delivery d join conversation c on c.id = d.conversation_id and c.kind = 'C2C' "
                    + "join device v on v.id = d.device_id join app_user u on u.id = v.user_id where u.account ";
            assertEquals(3, Db.count(copiesOf + "= ?", bob.account()));
            assertEquals(0, Db.count("select count(*) from conversation c join app_user u on u.id in (c.user_lo, c.user_hi) "
                    + "where c.kind = 'C2C' and u.account in (?, ?)", carol.account(), dave.account()),
                    "a refused first message leaves no conversation behind");
            // Each batch went through as a batch: none failed and was stored send by send instead.
            assertEquals(splitBefore, Metrics.counter("chorus_send_batches_split_total"));
            assertEquals(0, Db.count(copiesOf + "in (?, ?)", carol.account(), dave.account()));
        }
        try (WsClient bobClient = people.connect(bobPhone)) {
            List<String> texts = new ArrayList<>();
            while (texts.size() < 3) {
                JsonObject frame = bobClient.nextJson(WAIT);
                if ("C2C".equals(frame.getString("type"))) { // after the friendship notices
                    texts.add(frame.getJsonObject("payload").getString("text"));
                }
            }
            assertEquals(List.of("zero", "one", "two"), texts);
        }
    }

    private static List<Long> sendMany(WsClient client, String to, int count) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            client.send(c2c(newId(), to, "m" + i));
        }
        while (seqs.size() < count) {
            JsonObject frame = client.nextJson(WAIT);
            if ("C2C".equals(frame.getString("type"))) {
                continue; // the sync copy of what the user's other device sent
            }
            assertEquals("C2C_SERVER_ACK", frame.getString("type"), frame::toString);
            seqs.add(frame.getJsonNumber("seq").longValue());
        }
        return seqs;
    }

    private static void assertIncreasing(List<Long> seqs) {
        for (int i = 1; i < seqs.size(); i++) {
            assertTrue(seqs.get(i) > seqs.get(i - 1), "one device's sends keep their order: " + seqs);
        }
    }
}
