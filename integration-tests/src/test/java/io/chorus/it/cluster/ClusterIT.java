package io.chorus.it.cluster;

import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.admin.Admins;
import io.chorus.it.support.Cluster;
import io.chorus.it.support.Db;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WebPushServiceStandIn;
import io.chorus.it.support.WebPushServiceStandIn.Subscription;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two WildFly nodes, one Artemis broker and PostgreSQL, run by scripts/cluster.sh (SPEC §8):
 * messages, presence, kicks and device notices across nodes; a node killed with -9 and a broker
 * restarted in the middle of traffic, with every acknowledged message counted at its recipient;
 * offline pushes (docs/PUSH.md): one per burst whichever node stored and decided, and none lost or
 * doubled by a broker restart.
 *
 * <p>The nodes run with Web Push configured as an operator would (below). That changes nothing for
 * the tests that register no device: a push candidate is queued for every stored message, and its
 * decision finds no registration.
 */
class ClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMillis(800);
    private static final URI NODE_1 = Cluster.uri(1);
    private static final URI NODE_2 = Cluster.uri(2);
    /** PushIT's test key pair: the stand-in checks every push's VAPID token against the public key. */
    private static final String VAPID_PUBLIC_KEY = "BJ1OOL3bOO0If-pZARYymDEefCU2RXGXVIhgimq3Na9wVCoe1r8vwtq-fYlaMbddMRZcT6Dtr5TnDNaLziEVIdI";
    private static final String VAPID_PRIVATE_KEY = "b46L6gBM5Ekg7Gn1WC6SH6u7qIuDnFtJdi8IX1rMlDQ";
    private static final Duration PUSH_GRACE = Duration.ofMillis(1500);
    private static final Duration PUSH_RETRY_MAX = Duration.ofSeconds(2);
    /**
     * How long a push count must stay put to count as final: longer than a grace delay and the
     * longest back-off together, so a second decision or a second copy of a queued push, were there
     * one, would have been sent within it.
     */
    private static final Duration PUSH_SETTLE = PUSH_GRACE.plus(PUSH_RETRY_MAX).plusMillis(500);
    /**
     * The nodes' push configuration (CHORUS_* variables, docs/CONFIGURATION.md): endpoints on
     * 127.0.0.1 only (the stand-in), a short grace delay, a first retry after 300 ms and back-off
     * capped at 2 s, so a push in retry is attempted again soon after the broker is back.
     */
    private static final Map<String, String> WEB_PUSH = Map.of(
            "CHORUS_PUSH_WEBPUSH_VAPID_PUBLIC_KEY", VAPID_PUBLIC_KEY,
            "CHORUS_PUSH_WEBPUSH_VAPID_PRIVATE_KEY", VAPID_PRIVATE_KEY,
            "CHORUS_PUSH_WEBPUSH_SUBJECT", "mailto:push-tests@chorus.test",
            "CHORUS_PUSH_WEBPUSH_ALLOWED_ENDPOINTS", "http://127[.]0[.]0[.]1:[0-9]+/push/.+",
            "CHORUS_PUSH_GRACE_MS", Long.toString(PUSH_GRACE.toMillis()),
            "CHORUS_PUSH_RETRY_FIRST_MS", "300",
            "CHORUS_PUSH_RETRY_MAX_MS", Long.toString(PUSH_RETRY_MAX.toMillis()));
    private static Cluster cluster;
    private static WebPushServiceStandIn pushService;

    private final Rest rest1 = new Rest(NODE_1);
    private final Rest rest2 = new Rest(NODE_2);
    /** People made through node 1 or node 2, and their clients connected to it. */
    private final People node1 = new People(rest1);
    private final People node2 = new People(rest2);

    @BeforeAll
    static void startCluster() {
        pushService = new WebPushServiceStandIn(VAPID_PUBLIC_KEY);
        cluster = Cluster.fresh(WEB_PUSH).broker("start").node(1, "start").node(2, "start");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (pushService != null) {
            pushService.close();
        }
    }

    @AfterEach
    void everyPushPassedTheStandInsChecks() {
        assertEquals(List.of(), pushService.failures(), "every push decrypts and carries a valid VAPID token");
    }

    /** A test that killed something leaves it to the next one to bring back: start is a no-op when running. */
    @BeforeEach
    void everythingUp() {
        cluster.db("resume").broker("start").node(1, "start").node(2, "start");
    }

    @Test
    void usersOnTwoNodes_chatOneToOneAndInAGroup_seeEachOthersPresence_andDeviceEvents() {
        TestUser alice = node1.user("alice");
        TestUser bob = node2.user("bob");
        node1.befriend(alice, bob);
        Login a = node1.login(alice, "phone");
        Login b = node2.login(bob, "phone");
        try (WsClient aws = node1.online(a).allFrames()) {
            try (WsClient bws = node2.connect(b).allFrames()) {
                assertPresence(aws.nextJson(WAIT), bob.uid(), "online");

                // One-to-one both ways, each acknowledged.
                String toBob = newId();
                aws.send(c2c(toBob, bob.uid(), "from node 1"));
                assertEquals("C2C_SERVER_ACK", aws.nextJson(WAIT).getString("type"));
                JsonObject got = bws.nextJson(WAIT);
                assertEquals(toBob, got.getString("id"));
                bws.send(ack("C2C", toBob, b.did()));
                String toAlice = newId();
                bws.send(c2c(toAlice, alice.uid(), "from node 2"));
                assertEquals("C2C_SERVER_ACK", bws.nextJson(WAIT).getString("type"));
                assertEquals(toAlice, aws.nextJson(WAIT).getString("id"));
                aws.send(ack("C2C", toAlice, a.did()));

                // A group made on node 1, messages both ways.
                Rest.Reply created = rest1.post("/api/groups", obj("title", "Across", "members",
                        Json.createArrayBuilder().add(bob.uid()).build()), a.token());
                assertEquals(201, created.status(), created::toString);
                String gid = created.json().getString("gid");
                for (var pair : List.of(java.util.Map.entry(aws, a), java.util.Map.entry(bws, b))) {
                    JsonObject notice = pair.getKey().nextJson(WAIT);
                    assertEquals("group_member_join", notice.getJsonObject("payload").getString("msg_type"));
                    pair.getKey().send(ack("S2C", notice.getString("id"), pair.getValue().did()));
                }
                String inGroup = newId();
                bws.send("{\"type\":\"C2G\",\"id\":\"" + inGroup + "\",\"to\":\"" + gid + "\",\"created_at\":1,"
                        + "\"payload\":{\"msg_type\":\"text\",\"text\":\"hi all\"}}");
                assertEquals("C2G_SERVER_ACK", bws.nextJson(WAIT).getString("type"));
                JsonObject groupCopy = aws.nextJson(WAIT);
                assertEquals(inGroup, groupCopy.getString("id"));
                assertEquals(gid, groupCopy.getString("to"));
                aws.send(ack("C2G", inGroup, a.did()));

                // Bob's second device connects on node 1: his phone on node 2 is told.
                Login tablet = node1.login(bob, "tablet");
                try (WsClient tws = node1.connect(tablet).allFrames()) {
                    JsonObject told = bws.nextJson(WAIT);
                    assertEquals("logged_another_device", told.getJsonObject("payload").getString("msg_type"));
                    assertEquals("tablet", told.getJsonObject("payload").getString("did"));
                    // Removing the tablet through node 2 closes its socket on node 1.
                    node2.removeDevice(tablet);
                    assertEquals(4006, tws.awaitClose(WAIT).code());
                }
            }
            // Bob's last device left node 2: alice, on node 1, hears it.
            assertPresence(aws.nextJson(WAIT), bob.uid(), "offline");
        }
        assertEquals(0, pendingOf(alice) + pendingOf(bob), "every copy acknowledged on whichever node");
    }

    /**
     * Each way of revoking a device's tokens (logout, removal, a disabled account), done through one
     * node, stops them at once on both: the next REST call or refresh with them is refused on either
     * node without waiting, so is a new socket, and the socket the device held, on /ws or /jim and on
     * either node, closes with 4006.
     */
    @Test
    void everyRevocation_stopsTheTokensAtOnceOnBothNodes_andClosesTheDevicesSocketWhereverItIs() {
        Login admin = Admins.login(rest1, "cluster-" + newId());
        TestUser alice = node1.user("alice");

        // Logged out through node 1, its /ws socket on node 2.
        Login phone = node1.login(alice, "phone");
        try (WsClient socket = node2.connect(phone)) {
            node1.awaitOnline(phone);
            assertEquals(204, rest1.post("/api/auth/logout", "", phone.token()).status());
            assertRevokedOnBothNodes(phone);
            assertClosedAsRevoked(socket);
        }

        // Removed through node 2 from another device, its /jim session on node 1.
        Login tablet = node2.login(alice, "tablet");
        Login laptop = node2.login(alice, "laptop");
        try (JimClient session = node1.jim(tablet)) {
            node2.awaitOnline(tablet);
            assertEquals(204, rest2.send("DELETE", "/api/me/devices/" + tablet.did(), null, laptop.token()).status());
            assertRevokedOnBothNodes(tablet);
            assertEquals(4006, session.awaitClose(WAIT).code());
        }

        // Disabled through node 1: the /ws socket on node 2 and the /jim session on node 1 both go.
        TestUser bob = node1.user("bob");
        Login bobPhone = node1.login(bob, "phone");
        Login bobJim = node2.login(bob, "jim");
        try (WsClient socket = node2.connect(bobPhone); JimClient session = node1.jim(bobJim)) {
            node1.awaitOnline(bobPhone);
            node1.awaitOnline(bobJim);
            assertEquals(200, rest1.post("/api/admin/users/" + bob.uid() + "/disable", "{}", admin.token()).status());
            assertRevokedOnBothNodes(bobPhone);
            assertRevokedOnBothNodes(bobJim);
            assertClosedAsRevoked(socket);
            assertEquals(4006, session.awaitClose(WAIT).code());
        }
    }

    /**
     * The one-shot conversation events cross the topic: a read on node 1 reaches the reader's phone
     * and the peer on node 2; the peer's ack on node 2 tells the sender on node 1 "delivered"; typing
     * on node 1 reaches the peer on node 2.
     */
    @Test
    void readState_receipts_andTyping_crossTheNodes() {
        TestUser alice = node1.user("alice");
        TestUser bob = node1.friendOf(alice, "bob");
        Login aLaptop = node1.login(alice, "laptop");
        Login aPhone = node2.login(alice, "phone");
        Login b = node2.login(bob, "phone");
        try (WsClient laptop = node1.connect(aLaptop).withReceipts();
             WsClient phone = node2.connect(aPhone).withReceipts();
             WsClient bws = node2.connect(b).withReceipts()) {
            node1.awaitOnline(b);
            node1.awaitOnline(aPhone);
            String id = newId();
            laptop.send(c2c(id, bob.uid(), "across"));
            assertEquals("C2C_SERVER_ACK", nextOfType(laptop, "C2C_SERVER_ACK").getString("type"));
            assertEquals(id, nextOfType(bws, "C2C").getString("id"));
            bws.send(ack("C2C", id, b.did()));
            JsonObject delivered = nextOfType(laptop, "C2C_DELIVERED");
            assertEquals(bob.uid(), delivered.getString("from"));
            assertEquals(1, delivered.getJsonNumber("seq").longValue());

            String back = newId();
            bws.send(c2c(back, alice.uid(), "and back"));
            assertEquals(back, nextOfType(laptop, "C2C").getString("id"));
            laptop.send("{\"type\":\"C2C_READ\",\"to\":\"" + bob.uid() + "\",\"seq\":2}");
            JsonObject followed = nextOfType(phone, "C2C_READ");
            assertEquals(2, followed.getJsonNumber("seq").longValue());
            assertEquals(0, followed.getJsonNumber("unread").longValue());
            assertEquals(2, nextOfType(bws, "C2C_READ").getJsonNumber("seq").longValue());

            laptop.send("{\"type\":\"C2C_TYPING\",\"to\":\"" + bob.uid() + "\"}");
            assertEquals(alice.uid(), nextOfType(bws, "C2C_TYPING").getString("from"));
        }
    }

    /** The next frame of {@code type}, passing over the others. */
    private static JsonObject nextOfType(WsClient socket, String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonObject frame = socket.nextJson(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (type.equals(frame.getString("type", ""))) {
                return frame;
            }
        }
    }

    @Test
    void aDeviceThatMovesToTheOtherNode_getsItsUnackedMessage_andAfterTheAckThereNothingIsResent() {
        TestUser alice = node1.user("alice");
        TestUser bob = node1.friendOf(alice, "bob");
        Login a = node1.login(alice, "phone");
        Login b = node1.login(bob, "phone");
        String id = newId();
        try (WsClient aws = node1.connect(a); WsClient onNode2 = node2.connect(b)) {
            node1.awaitOnline(b);
            aws.send(c2c(id, bob.uid(), "ack me elsewhere"));
            assertEquals(id, onNode2.nextJson(WAIT).getString("id"));
            // No ack on node 2; the device reconnects to node 1, which replaces the node 2 socket.
            try (WsClient onNode1 = node1.connect(b)) {
                assertEquals(4001, onNode2.awaitClose(WAIT).code());
                assertEquals(id, onNode1.nextJson(WAIT).getString("id"), "the backlog replay");
                onNode1.send(ack("C2C", id, b.did()));
                // Past the first resend delay (5 s): nothing comes again from either node.
                assertNull(onNode1.pollText(Duration.ofSeconds(7)));
            }
        }
        assertEquals(0, pendingOf(bob));
    }

    @Test
    void nodeKilledDuringTraffic_loosesNoAcknowledgedMessage_andItsUsersTurnOffline() throws Exception {
        TestUser alice = node1.user("alice");
        TestUser bob = node1.user("bob");
        TestUser carol = node1.user("carol");
        node1.befriend(alice, bob, carol);
        Login a = node1.login(alice, "phone");
        Login b = node1.login(bob, "phone");
        Login c = node1.login(carol, "phone");
        Set<String> acked = new LinkedHashSet<>();
        Set<String> received = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (WsClient presence = node1.connect(alice, "watch").allFrames();
             WsClient aws = node1.connect(a)) {
            WsClient carolOn2 = node2.connect(c);
            WsClient bobOn2 = node2.connect(b);
            node1.awaitOnline(c);
            node1.awaitOnline(b);
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> readAndAck(bobOn2, b, received));
            int total = 200;
            for (int i = 0; i < total; i++) {
                if (i == total / 2) {
                    cluster.node(2, "kill");
                }
                String id = newId();
                aws.send(c2c(id, bob.uid(), "m" + i));
                JsonObject answer = aws.nextJson(WAIT);
                assertEquals("C2C_SERVER_ACK", answer.getString("type"), answer::toString);
                acked.add(id);
            }
            reader.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            // Bob reconnects to the surviving node and reads his backlog.
            try (WsClient bobOn1 = node1.connect(b)) {
                readBacklogUntil(bobOn1, b, received, acked);
            }
            List<String> lost = new ArrayList<>(acked);
            lost.removeAll(received);
            assertEquals(List.of(), lost, "acknowledged to alice but never delivered to bob");

            // Carol's only device was on the dead node: her lease-bound offline reaches alice.
            // (Alice's watching device also gets her own messages, the sync copies: it acknowledges them.)
            Awaitility.await("carol offline").atMost(Duration.ofSeconds(60)).until(() -> {
                for (String text = presence.pollText(Duration.ofMillis(500)); text != null; text = presence.pollText(Duration.ZERO)) {
                    JsonObject frame = Json.createReader(new java.io.StringReader(text)).readObject();
                    if ("C2C".equals(frame.getString("type", ""))) {
                        presence.send(ack("C2C", frame.getString("id"), "watch"));
                    } else if (carol.uid().equals(frame.getString("from", null))
                            && "offline".equals(frame.getJsonObject("payload").getString("msg_type"))) {
                        return true;
                    }
                }
                return false;
            });
            carolOn2.close();
            bobOn2.close();
        }
    }

    @Test
    void brokerRestartedDuringTraffic_sendsResume_andNoAcknowledgedMessageIsLost() {
        TestUser alice = node1.user("alice");
        TestUser bob = node1.friendOf(alice, "bob");
        Login a = node1.login(alice, "phone");
        Login b = node1.login(bob, "phone");
        Set<String> acked = new LinkedHashSet<>();
        Set<String> received = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (WsClient aws = node1.connect(a); WsClient bobOn2 = node2.connect(b)) {
            node1.awaitOnline(b);
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> readAndAck(bobOn2, b, received));
            int total = 100;
            CompletableFuture<Void> restart = CompletableFuture.completedFuture(null);
            for (int i = 0; i < total; i++) {
                if (i == total / 3) {
                    // kill -9, then a start that takes its few seconds while the sends go on.
                    cluster.broker("kill");
                    restart = CompletableFuture.runAsync(() -> cluster.broker("start"));
                }
                acked.add(sendUntilAcked(aws, bob.uid(), "m" + i));
            }
            restart.join();
            // The nodes are back on the broker: a message now reaches bob live, without a reconnect.
            String probe = sendUntilAcked(aws, bob.uid(), "after the restart");
            Awaitility.await("live delivery after the broker restart").atMost(WAIT).until(() -> received.contains(probe));
            bobOn2.close();
            reader.join();
        }
        // Whatever the live path missed while the broker was away waits in bob's backlog.
        try (WsClient bobAgain = node2.connect(b)) {
            readBacklogUntil(bobAgain, b, received, acked);
        }
        assertEquals(100, acked.size());
    }

    /**
     * The broker is not part of a send's transaction: while it is away, sends are acknowledged at
     * once and the storing node's own sockets get them live. Bob's device on the other node gets
     * the outage's message once the broker is back, live or by a gap fill, and always before
     * anything sent later: nothing lost, nothing out of order, no reconnect.
     */
    @Test
    void brokerAway_sendsAreAckedAtOnce_theStoringNodesSocketsGetThemLive_andTheOtherNodeInOrderOnceItIsBack() {
        TestUser alice = node1.user("alice");
        TestUser bob = node1.friendOf(alice, "bob");
        Login a = node1.login(alice, "phone");
        Login bobPhone = node1.login(bob, "phone");
        Login bobPad = node1.login(bob, "pad");
        try (WsClient aws = node1.connect(a); WsClient phoneOn1 = node1.connect(bobPhone);
             WsClient padOn2 = node2.connect(bobPad)) {
            node1.awaitOnline(bobPad);
            cluster.broker("kill");
            String during = newId();
            aws.send(c2c(during, bob.uid(), "while the broker is away"));
            JsonObject ack = aws.nextJson(WAIT);
            assertEquals("C2C_SERVER_ACK", ack.getString("type"), ack::toString);
            assertEquals(during, ack.getString("id"));
            JsonObject live = phoneOn1.nextJson(WAIT);
            assertEquals(during, live.getString("id"), live::toString);

            cluster.broker("start");
            // Later messages until the pad hears something; the first thing it hears is the outage's message.
            List<String> later = new ArrayList<>();
            JsonObject first = Awaitility.await("the pad hears from the cluster again").atMost(WAIT).until(() -> {
                String next = sendUntilAcked(aws, bob.uid(), "after the broker came back");
                later.add(next);
                String text = padOn2.pollText(Duration.ofSeconds(1));
                return text == null ? null : Json.createReader(new java.io.StringReader(text)).readObject();
            }, Objects::nonNull);
            assertEquals(during, first.getString("id"), first::toString);
            assertEquals(later.get(0), padOn2.nextJson(WAIT).getString("id"), "then the messages sent after it, in order");
        }
    }

    /**
     * A burst to an offline device is one push in the cluster: bob's browser, registered for Web
     * Push, was last connected to node 2 and is gone; alice writes six messages from her phone on
     * node 1 and her laptop on node 2, in turns, so each node stores half of them and queues their
     * candidates; either node's worker decides each. The first decision announces all six under the
     * registration's lock, the five others (on whichever node) find their copies announced.
     */
    @Test
    void push_aBurstStoredOnBothNodes_isOnePush_toADeviceLastConnectedToTheOtherNode() {
        TestUser alice = node1.user("alice");
        TestUser bob = node1.friendOf(alice, "bob");
        Login browser = node2.login(bob, "browser");
        Subscription subscription = registerForWebPush(rest2, browser);
        try (WsClient lastSocket = node2.online(browser)) {
            assertEquals(List.of("node-2"), nodesOf(browser), "connected to node 2");
        }
        Awaitility.await("bob's browser offline").atMost(WAIT).until(() -> nodesOf(browser).isEmpty());

        Login phone = node1.login(alice, "phone");
        Login laptop = node2.login(alice, "laptop");
        int burst = 6;
        try (WsClient onNode1 = node1.connect(phone); WsClient onNode2 = node2.connect(laptop)) {
            long start = System.nanoTime();
            for (int i = 1; i <= burst; i++) {
                WsClient from = i % 2 == 1 ? onNode1 : onNode2;
                String id = newId();
                from.send(c2c(id, bob.uid(), "m" + i));
                assertEquals(id, from.nextJsonOfType("C2C_SERVER_ACK", WAIT).getString("id"));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // One push per burst holds for a burst stored within the grace delay of its first message.
            assertTrue(took.compareTo(PUSH_GRACE) < 0, "the burst took " + took + ", longer than the grace delay: this machine is too slow for the test");
        }

        JsonObject push = awaitOnePush(subscription, WAIT);
        assertEquals(nicknameOf(alice), push.getString("title"));
        assertEquals("m" + burst, push.getString("body"), "the newest message");
        assertEquals(burst, push.getInt("count"));
        assertEquals(burst, push.getInt("badge"));
        assertEquals("C2C", push.getString("kind"));
        assertEquals(alice.uid(), push.getString("conversation"));
        // The burst's last decision was due within the grace delay of this push (the burst was shorter).
        assertStaysAt(subscription, 1);
        assertEquals(1, subscription.attempts(), "the push service was asked once");
        assertEquals(burst, Db.count("select count(*) from delivery where pushed and device_id = "
                + "(select d.id from device d join app_user u on u.id = d.user_id where u.account = ? and d.did = ?)",
                bob.account(), browser.did()), "every copy announced by that push");
    }

    /**
     * Pushes queued when the broker is killed (kill -9) and started again are neither lost nor
     * doubled. Three of bob's copies are owed a push at the kill: one whose push waits on the queue
     * for its next attempt (the push service answering 503); one stored just before, whose candidate
     * waits on the queue for its grace delay; one stored while the broker is away, whose candidate
     * waits in the storing node's lane. Once the broker and the push service are back, the pushes
     * announce each copy once: their counts add up to three, and nothing more comes.
     */
    @Test
    void push_queuedWhenTheBrokerIsKilledAndStarted_eachArrivesExactlyOnceAfter() {
        TestUser alice = node1.user("alice");
        TestUser bob = node1.friendOf(alice, "bob");
        Login browser = node1.login(bob, "browser");
        Subscription subscription = registerForWebPush(rest1, browser);
        subscription.answerUntilRecovered(503);
        try (WsClient aws = node1.connect(alice, "phone")) {
            String inRetry = newId();
            aws.send(c2c(inRetry, bob.uid(), "before the restart"));
            assertEquals(inRetry, aws.nextJsonOfType("C2C_SERVER_ACK", WAIT).getString("id"));
            // Refused twice: the push is on the queue again, for its next attempt after a delay.
            Awaitility.await("the push in retry").atMost(WAIT).until(() -> subscription.attempts() >= 2);

            String inGrace = newId();
            aws.send(c2c(inGrace, bob.uid(), "just before the restart"));
            assertEquals(inGrace, aws.nextJsonOfType("C2C_SERVER_ACK", WAIT).getString("id"));
            // At once: its candidate is on the queue for the grace delay (1.5 s) when the broker dies.
            cluster.broker("kill");
            // Acknowledged at once: the broker is no part of a send's transaction; the candidate waits in the lane.
            String inLane = newId();
            aws.send(c2c(inLane, bob.uid(), "while the broker is away"));
            assertEquals(inLane, aws.nextJsonOfType("C2C_SERVER_ACK", WAIT).getString("id"));
            cluster.broker("start");
            subscription.recover();
        }

        // The nodes reconnect within 5 s (their factory's longest retry interval), then the due attempt and decisions run.
        Awaitility.await("pushes announcing all three copies").atMost(Duration.ofSeconds(60))
                .until(() -> announced(subscription) >= 3 || !pushService.failures().isEmpty());
        assertEquals(List.of(), pushService.failures());
        List<JsonObject> pushes = subscription.received();
        assertStaysAt(subscription, pushes.size());
        assertEquals(3, announced(subscription), () -> "each copy announced once: " + pushes);
        // The retried push, and the newest message's, which also counts the grace candidate's copy
        // (unless a slow kill let that candidate be decided first: then it has a push of its own).
        Map<String, Integer> countByBody = pushes.stream().collect(java.util.stream.Collectors.toMap(
                p -> p.getString("body"), p -> p.getInt("count"), Integer::sum));
        assertEquals(1, countByBody.get("before the restart"), pushes::toString);
        assertTrue(countByBody.containsKey("while the broker is away"), pushes::toString);
    }

    /** How many copies the subscription's pushes announced: the sum of their counts. */
    private static int announced(Subscription subscription) {
        return subscription.received().stream().mapToInt(p -> p.getInt("count")).sum();
    }

    /**
     * A decision that fails because the database is away is delivered again by the broker with
     * back-off (1 s, 2 s, 4 s ...: the push queue's address settings), so the push arrives once the
     * database is back. With Artemis' default — ten redeliveries at once — the entry was
     * dead-lettered within a second of the outage and the push never came.
     */
    @Test
    void push_whoseDecisionMeetsADatabaseOutage_arrivesOnceTheDatabaseIsBack() {
        TestUser alice = node1.user("alice");
        TestUser bob = node1.friendOf(alice, "bob");
        Login browser = node2.login(bob, "browser");
        Subscription subscription = registerForWebPush(rest2, browser);
        try (WsClient aws = node1.connect(alice, "phone")) {
            String id = newId();
            aws.send(c2c(id, bob.uid(), "just before the database went away"));
            assertEquals(id, aws.nextJsonOfType("C2C_SERVER_ACK", WAIT).getString("id"));
            // At once: the candidate waits out its grace delay (1.5 s) on the queue, then is decided.
            cluster.db("stop");
        }
        try {
            // The outage is the scenario, not a wait for something: past the grace delay and the first
            // redeliveries (1 s, 2 s), before the third (4 s later).
            Cluster.hold(Duration.ofSeconds(6));
            assertEquals(List.of(), subscription.received(),
                    "no push before the database is back: the decision met the outage (else stopping it took longer than the grace delay)");
        } finally {
            cluster.db("resume");
        }

        JsonObject push = awaitOnePush(subscription, WAIT);
        assertEquals("just before the database went away", push.getString("body"));
        assertEquals(1, push.getInt("count"));
        assertStaysAt(subscription, 1);
    }

    private static Subscription registerForWebPush(Rest rest, Login login) {
        Subscription subscription = pushService.subscribe();
        Rest.Reply reply = rest.send("PUT", "/api/me/devices/" + login.did() + "/push", subscription.registration().toString(), login.token());
        assertEquals(200, reply.status(), reply::toString);
        return subscription;
    }

    private static JsonObject awaitOnePush(Subscription subscription, Duration wait) {
        Awaitility.await("a push").atMost(wait).until(() -> !subscription.received().isEmpty() || !pushService.failures().isEmpty());
        assertEquals(List.of(), pushService.failures());
        return subscription.received().get(0);
    }

    /** The subscription's count stays as it is for {@link #PUSH_SETTLE}. */
    private static void assertStaysAt(Subscription subscription, int pushes) {
        Awaitility.await(pushes + " push(es), no more").during(PUSH_SETTLE).atMost(PUSH_SETTLE.plusSeconds(5))
                .until(() -> subscription.received().size() == pushes);
    }

    /** The nodes the device has a socket on (its device_connection rows). */
    private static List<String> nodesOf(Login login) {
        try (var c = Db.connect(); var st = c.prepareStatement("select c.node_id from device_connection c join device d on d.id = c.device_id "
                + "join app_user u on u.id = d.user_id where u.account = ? and d.did = ? order by c.node_id")) {
            st.setString(1, login.user().account());
            st.setString(2, login.did());
            List<String> nodes = new ArrayList<>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    nodes.add(rs.getString(1));
                }
            }
            return nodes;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nicknameOf(TestUser user) {
        try (var c = Db.connect(); var st = c.prepareStatement("select nickname from app_user where account = ?")) {
            st.setString(1, user.account());
            try (var rs = st.executeQuery()) {
                assertTrue(rs.next(), user.account());
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends one message and waits for its ack, sending it again (same id: idempotent) after an error
     * or silence, as a client does while the server cannot store.
     */
    private static String sendUntilAcked(WsClient socket, String to, String text) {
        String id = newId();
        String frame = c2c(id, to, text);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        socket.send(frame);
        while (System.nanoTime() < deadline) {
            String answer = socket.pollText(Duration.ofSeconds(5));
            if (answer != null && answer.contains("C2C_SERVER_ACK") && answer.contains(id)) {
                return id;
            }
            if (answer == null || answer.contains("\"error\"")) {
                socket.send(frame);
            }
        }
        throw new AssertionError("no ack for " + id + " within 90 s");
    }

    /** Reads (and acks) a reconnected device's backlog until every acknowledged send has arrived. */
    private static void readBacklogUntil(WsClient socket, Login device, Set<String> received, Set<String> acked) {
        Awaitility.await("every acknowledged message at " + device.user().account()).atMost(WAIT).until(() -> {
            String text = socket.pollText(Duration.ofMillis(200));
            if (text != null) {
                JsonObject m = Json.createReader(new java.io.StringReader(text)).readObject();
                received.add(m.getString("id"));
                socket.send(ack("C2C", m.getString("id"), device.did()));
            }
            return received.containsAll(acked);
        });
    }

    /** Reads and acks until the socket closes. */
    private static void readAndAck(WsClient socket, Login device, Set<String> received) {
        while (true) {
            String text = socket.pollText(Duration.ofMillis(500));
            if (text == null) {
                if (!socket.isOpen()) {
                    return;
                }
                continue;
            }
            JsonObject m = Json.createReader(new java.io.StringReader(text)).readObject();
            if ("C2C".equals(m.getString("type", ""))) {
                received.add(m.getString("id"));
                try {
                    socket.send(ack("C2C", m.getString("id"), device.did()));
                } catch (RuntimeException closed) {
                    return;
                }
            }
        }
    }

    /** Checked right after the revoking call returned: "at once" allows no waiting. */
    private void assertRevokedOnBothNodes(Login login) {
        for (Rest rest : List.of(rest1, rest2)) {
            String where = login.did() + " on " + rest.base();
            assertEquals(401, rest.get("/api/me", login.token()).status(), where);
            assertEquals(401, rest.post("/api/auth/refresh", obj("refreshtoken", login.refreshToken()).toString()).status(), where);
            try (WsClient socket = WsClient.connect(rest.base(), login)) {
                assertClosedAsRevoked(socket);
            }
            try (JimClient session = JimClient.connect(rest.base())) {
                assertEquals("token_invalid", session.authenticateWithToken(login.token(), 1).json().getString("reason"), where);
            }
        }
    }

    /** Error 706, then close 4006: log in again. */
    private static void assertClosedAsRevoked(WsClient socket) {
        JsonObject error = socket.nextJson(WAIT);
        assertEquals(706, error.getInt("code", 0), error::toString);
        assertEquals(4006, socket.awaitClose(WAIT).code());
    }

    private static void assertPresence(JsonObject notice, String from, String state) {
        assertEquals("S2C", notice.getString("type"), notice::toString);
        assertEquals(from, notice.getString("from"), notice::toString);
        assertEquals(state, notice.getJsonObject("payload").getString("msg_type"), notice::toString);
    }

    private static long pendingOf(TestUser user) {
        return Db.count("select count(*) from delivery d join device v on v.id = d.device_id join app_user u on u.id = v.user_id "
                + "where u.account = ? and v.did <> 'watch'", user.account());
    }
}
