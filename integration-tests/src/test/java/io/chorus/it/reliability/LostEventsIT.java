package io.chorus.it.reliability;

import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.JimWire.JimPacket;
import io.chorus.it.support.Metrics;
import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delivery bound (docs/ARCHITECTURE.md, *Delivery bound*): on a node that loses every message
 * event right after its commit ({@code chorus.fault.lose-message-events=1}), nothing but the delivery
 * sweep can bring a message to a device that stays connected. Each message must still arrive within
 * the stated bound, with no other traffic to carry it, on both dialects: one-to-one, group messages
 * and stored notices alike.
 */
class LostEventsIT {
    /** Two sweep intervals (2 s each by default) and the sweep's own time: the bound the docs state. */
    static final Duration BOUND = Duration.ofSeconds(6);
    private static ServerProcess node;
    private static People people;

    @BeforeAll
    static void startNodeThatLosesEveryMessageEvent() {
        node = ServerProcess.prepare("lost-events", 1400, ServerProcess.postgres("CHORUS_FAULT_LOSE_MESSAGE_EVENTS", "1")).start();
        people = new People(new Rest(node.baseUri()));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aDirectMessageWhoseEventIsLost_reachesTheConnectedDevicesOfBothDialects_withinTheBound_once() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login phone = people.login(bob, "phone");
        try (WsClient aws = people.connect(alice, "phone"); WsClient bws = people.online(phone); JimClient pc = people.jim(bob, 1)) {
            String id = newId();
            aws.send(c2c(id, bob.uid(), "no event will tell"));
            assertEquals("C2C_SERVER_ACK", aws.nextJson().getString("type"));
            long acked = System.nanoTime();

            JsonObject got = bws.nextJson(BOUND.plusSeconds(10));
            Duration onWs = Duration.ofNanos(System.nanoTime() - acked);
            assertEquals(id, got.getString("id"), got::toString);
            assertEquals("no event will tell", got.getJsonObject("payload").getString("text"));
            JimPacket push = pc.next(BOUND.plusSeconds(10));
            Duration onJim = Duration.ofNanos(System.nanoTime() - acked);
            assertEquals(JimWire.MSG, push.cmd());
            assertWithinBound(onWs, "/ws");
            assertWithinBound(onJim, "/jim");

            bws.send(ack("C2C", id, phone.did()));
            assertNull(bws.pollText(Duration.ofSeconds(5)), "sent once, acknowledged: no second copy from later sweeps");
        }
        assertTrue(Metrics.counter(node.baseUri(), "chorus_delivery_swept_total") >= 2, "the sweep sent them, and counted them");
    }

    @Test
    void groupMessagesAndStoredNoticesWhoseEventsAreLost_arriveWithinTheBoundToo() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login phone = people.login(bob, "phone");
        Login owner = people.login(alice, "phone");
        try (WsClient bws = people.online(phone); WsClient aws = people.connect(owner)) {
            // A stored notice: the friend request.
            Rest.Reply asked = people.rest().post("/api/friends/requests", obj("to", bob.uid()), owner.token());
            assertEquals(201, asked.status(), asked::toString);
            long sent = System.nanoTime();
            JsonObject apply = bws.nextJson(BOUND.plusSeconds(10));
            assertWithinBound(Duration.ofNanos(System.nanoTime() - sent), "friend request notice");
            assertEquals("apply_friend", apply.getJsonObject("payload").getString("custom_type"), apply::toString);
            bws.send(ack("S2C", apply.getString("id"), phone.did()));

            // A group's notice (bob joined), then a group message.
            String gid = people.group(owner, "Quiet " + newId(), bob);
            sent = System.nanoTime();
            JsonObject joined = bws.nextJson(BOUND.plusSeconds(10));
            assertWithinBound(Duration.ofNanos(System.nanoTime() - sent), "group notice");
            assertEquals("group_member_join", joined.getJsonObject("payload").getString("msg_type"), joined::toString);
            bws.send(ack("S2C", joined.getString("id"), phone.did()));
            JsonObject ownersCopy = aws.nextJson(BOUND.plusSeconds(10));
            aws.send(ack("S2C", ownersCopy.getString("id"), owner.did()));

            String id = newId();
            aws.send("{\"type\":\"C2G\",\"id\":\"" + id + "\",\"to\":\"" + gid + "\",\"created_at\":1,"
                    + "\"payload\":{\"msg_type\":\"text\",\"text\":\"anyone?\"}}");
            assertEquals("C2G_SERVER_ACK", aws.nextJson().getString("type"));
            sent = System.nanoTime();
            JsonObject inGroup = bws.nextJson(BOUND.plusSeconds(10));
            assertWithinBound(Duration.ofNanos(System.nanoTime() - sent), "group message");
            assertEquals(id, inGroup.getString("id"), inGroup::toString);
            assertEquals(gid, inGroup.getString("to"));
            bws.send(ack("C2G", id, phone.did()));
        }
    }

    /** A revoke whose event is lost still reaches the peer's connected device within the bound (its pending revoke row). */
    @Test
    void aRevokeWhoseEventIsLost_reachesThePeersConnectedDevice_withinTheBound() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login phone = people.login(bob, "phone");
        try (WsClient aws = people.connect(alice, "phone"); WsClient bws = people.online(phone)) {
            String id = newId();
            aws.send(c2c(id, bob.uid(), "wrong chat"));
            assertEquals("C2C_SERVER_ACK", aws.nextJson().getString("type"));
            assertEquals(id, bws.nextJson(BOUND.plusSeconds(10)).getString("id"));
            bws.send(ack("C2C", id, phone.did()));

            aws.send("{\"type\":\"C2C_REVOKE\",\"id\":\"" + id + "\",\"to\":\"" + bob.uid() + "\"}");
            assertEquals("C2C_REVOKE_ACK", aws.nextJson().getString("type"));
            long revoked = System.nanoTime();
            JsonObject told = bws.nextJson(BOUND.plusSeconds(10));
            assertWithinBound(Duration.ofNanos(System.nanoTime() - revoked), "revoke");
            assertEquals("C2C_REVOKE", told.getString("type"), told::toString);
            assertEquals(id, told.getString("id"));
            assertNull(bws.pollText(Duration.ofSeconds(5)), "told once");
        }
    }

    private static void assertWithinBound(Duration took, String what) {
        assertTrue(took.compareTo(BOUND) <= 0, what + " arrived after " + took.toMillis() + " ms, beyond the bound of " + BOUND);
    }
}
