package io.chorus.it.message;

import static io.chorus.it.message.Receipts.WAIT;
import static io.chorus.it.message.Receipts.next;
import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** C2C_DELIVERED: a device of the peer acknowledged the sender's messages up to a seq. */
class DeliveredReceiptIT extends BlackBoxIT {

    @Test
    void thePeersAck_tellsTheSender_delivered_butTheSendersOwnDevicesDoNot() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login aliceTablet = people.login(alice, "tablet");
        Login bobPhone = people.login(bob, "phone");
        try (WsClient aPhone = people.connect(alice, "phone").withReceipts();
             WsClient tablet = people.connect(aliceTablet);
             WsClient bSocket = people.connect(bobPhone)) {
            String first = newId();
            String second = newId();
            aPhone.send(c2c(first, bob.uid(), "one"));
            aPhone.send(c2c(second, bob.uid(), "two"));
            assertEquals(1, next(aPhone, "C2C_SERVER_ACK").getJsonNumber("seq").longValue());
            assertEquals(2, next(aPhone, "C2C_SERVER_ACK").getJsonNumber("seq").longValue());

            // Alice's own tablet acknowledges her copies first: that delivers nothing to Bob.
            assertEquals(first, tablet.nextJson(WAIT).getString("id"));
            assertEquals(second, tablet.nextJson(WAIT).getString("id"));
            tablet.send(ack("C2C", first, aliceTablet.did()));
            tablet.send(ack("C2C", second, aliceTablet.did()));
            Awaitility.await().atMost(WAIT).until(() -> pendingOf(alice) == 0);

            assertEquals(first, bSocket.nextJson(WAIT).getString("id"));
            assertEquals(second, bSocket.nextJson(WAIT).getString("id"));
            bSocket.send(ack("C2C", first, bobPhone.did()));
            JsonObject delivered = next(aPhone, "C2C_DELIVERED");
            assertEquals(bob.uid(), delivered.getString("from"), "the first receipt is Bob's, none came from the tablet");
            assertEquals(alice.uid(), delivered.getString("to"));
            assertEquals(1, delivered.getJsonNumber("seq").longValue());
            bSocket.send(ack("C2C", second, bobPhone.did()));
            assertEquals(2, next(aPhone, "C2C_DELIVERED").getJsonNumber("seq").longValue());
        }
    }

    /** A JIM device has no acks: its copy is delivered once written, and that tells the /ws sender too. */
    @Test
    void aCopyWrittenToAJimPeer_tellsTheSender_delivered() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        try (WsClient aPhone = people.connect(alice, "phone").withReceipts();
             JimClient bJim = people.jim(bob, 1)) {
            aPhone.send(c2c(newId(), bob.uid(), "to your desktop"));
            assertEquals(1, next(aPhone, "C2C_SERVER_ACK").getJsonNumber("seq").longValue());
            JsonObject delivered = next(aPhone, "C2C_DELIVERED");
            assertEquals(bob.uid(), delivered.getString("from"));
            assertEquals(1, delivered.getJsonNumber("seq").longValue());
        }
    }

    private static long pendingOf(TestUser user) {
        return Db.count("select count(*) from delivery d join device v on v.id = d.device_id join app_user u on u.id = v.user_id "
                + "where u.account = ?", user.account());
    }
}
