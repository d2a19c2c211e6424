package io.chorus.it.push;

import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.Db;
import io.chorus.it.support.Deployments;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.Metrics;
import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WebPushServiceStandIn;
import io.chorus.it.support.WebPushServiceStandIn.Subscription;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Offline push through Web Push (docs/PUSH.md), end to end: the server under test is configured with
 * the VAPID key below and a grace delay of 1.5 s for this class's deployment only (push stays off for
 * the rest of the suite); the push service is a local stand-in that decrypts every push with the
 * subscription's private key and checks the VAPID token. Where a test shows that a device gets no
 * push, another device of the same decision gets one first, so the absence is decided, not merely
 * not yet seen.
 */
@ExtendWith(ArquillianExtension.class)
class PushIT {
    /** The application server key the test server signs with (the deployment's chorus.push.webpush.*). */
    static final String VAPID_PUBLIC_KEY = "BJ1OOL3bOO0If-pZARYymDEefCU2RXGXVIhgimq3Na9wVCoe1r8vwtq-fYlaMbddMRZcT6Dtr5TnDNaLziEVIdI";
    private static final String VAPID_PRIVATE_KEY = "b46L6gBM5Ekg7Gn1WC6SH6u7qIuDnFtJdi8IX1rMlDQ";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofMillis(2500);
    private static WebPushServiceStandIn pushService;
    private final Rest rest = Rest.local();
    private final People people = new People(rest);

    /**
     * The real EAR with Web Push configured as an operator would: a test VAPID key, endpoints on
     * 127.0.0.1 only (the stand-in), a short grace delay and first retry.
     */
    @Deployment(testable = false)
    public static EnterpriseArchive ear() {
        return Deployments.chorusEarWith("push", Map.of(
                "chorus.push.webpush.vapid-public-key", VAPID_PUBLIC_KEY,
                "chorus.push.webpush.vapid-private-key", VAPID_PRIVATE_KEY,
                "chorus.push.webpush.subject", "mailto:push-tests@chorus.test",
                "chorus.push.webpush.allowed-endpoints", "http://127[.]0[.]0[.]1:[0-9]+/push/.+",
                "chorus.push.grace-ms", "1500",
                "chorus.push.retry-first-ms", "300"));
    }

    @BeforeAll
    static void startPushService() {
        pushService = new WebPushServiceStandIn(VAPID_PUBLIC_KEY);
    }

    @AfterAll
    static void stopPushService() {
        pushService.close();
    }

    @AfterEach
    void nothingFailedTheStandInsChecks() {
        assertEquals(List.of(), pushService.failures(), "every push decrypts and carries a valid VAPID token");
    }

    @Test
    void burstToOfflineDevice_isOnePushWithCountBadgeAndNewestText_connectedDeviceGetsNone() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Subscription offline = register(people.login(bob, "browser"));
        Login phone = people.login(bob, "phone");
        Subscription connected = register(phone);
        try (WsClient bPhone = people.connect(phone); WsClient aws = people.connect(alice, "phone")) {
            people.awaitOnline(phone);
            for (int i = 1; i <= 5; i++) {
                String id = newId();
                aws.send(c2c(id, bob.uid(), "m" + i));
                assertEquals("C2C_SERVER_ACK", aws.nextJson(WAIT).getString("type"));
                bPhone.nextJson(WAIT);
                bPhone.send("CLIENT_ACK,C2C," + id + ",phone");
            }
            JsonObject push = awaitOnePush(offline);
            assertEquals(nickname(alice), push.getString("title"));
            assertEquals("m5", push.getString("body"));
            assertEquals(5, push.getInt("count"));
            assertEquals(5, push.getInt("badge"));
            assertEquals("C2C", push.getString("kind"));
            assertEquals(alice.uid(), push.getString("conversation"));
            assertStaysAt(offline, 1);
            assertEquals(0, connected.attempts(), "a device with a socket in the foreground gets no push");
        }
    }

    @Test
    void backgroundDeviceGetsOne_backgroundDeviceThatAcksWithinTheGraceGetsNone() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login silent = people.login(bob, "silent");
        Login acking = people.login(bob, "acking");
        Subscription silentPush = register(silent);
        Subscription ackingPush = register(acking);
        try (WsClient bSilent = people.connect(silent); WsClient bAcking = people.connect(acking);
             WsClient aws = people.connect(alice, "phone")) {
            people.awaitOnline(silent);
            people.awaitOnline(acking);
            declare(silent, "background");
            declare(acking, "background");
            String id = newId();
            aws.send(c2c(id, bob.uid(), "are you there"));
            assertEquals("C2C_SERVER_ACK", aws.nextJson(WAIT).getString("type"));
            bAcking.nextJson(WAIT);
            bAcking.send("CLIENT_ACK,C2C," + id + ",acking");

            assertEquals("are you there", awaitOnePush(silentPush).getString("body"));
            assertStaysAt(ackingPush, 0);
        }
    }

    @Test
    void mutedContact_getsNoPush_andItsCopyIsNotCountedLater_setThroughJimOrRest() {
        TestUser alice = people.user("alice");
        TestUser carol = people.user("carol");
        TestUser bob = people.friendOf(alice, "bob");
        people.befriend(carol, bob);
        Subscription browser = register(people.login(bob, "browser"));
        long aliceId = Db.count("select id from app_user where account = ?", alice.account());
        JsonObject aliceContact = Json.createObjectBuilder().add("id", aliceId).add("t", 1).build();
        try (JimClient bJim = people.jim(bob, 2)) {
            assertEquals(0, bJim.call(0x70, Json.createObjectBuilder().add("c", aliceContact).add("np", false).build()).getInt("code"));
            JsonObject got = bJim.call(0x71, Json.createObjectBuilder().add("c", aliceContact).build());
            assertEquals(aliceContact, got.getJsonObject("c"));
            assertFalse(got.containsKey("np"), "np left out when pushes are off, as the seed writes it");
        }
        Login bobRest = people.login(bob, "rest");
        assertTrue(rest.get("/api/me/push/mutes/users/" + alice.uid(), bobRest.token()).json().getBoolean("muted"),
                "JIM's mute list is REST's");
        try (WsClient aws = people.connect(alice, "phone"); WsClient cws = people.connect(carol, "phone")) {
            aws.send(c2c(newId(), bob.uid(), "from alice"));
            assertEquals("C2C_SERVER_ACK", aws.nextJson(WAIT).getString("type"));
            // After alice's candidate was decided (grace passed), carol writes.
            Awaitility.await().atMost(WAIT).until(() -> Db.count("select count(*) from delivery d join device v on v.id = d.device_id "
                    + "where v.did = 'browser' and v.user_id = (select id from app_user where account = ?) and d.pushed", bob.account()) == 1);
            cws.send(c2c(newId(), bob.uid(), "from carol"));
            assertEquals("C2C_SERVER_ACK", cws.nextJson(WAIT).getString("type"));
            JsonObject push = awaitOnePush(browser);
            assertEquals(nickname(carol), push.getString("title"));
            assertEquals(1, push.getInt("count"), "the muted copy is not announced later");
            assertEquals(2, push.getInt("badge"), "the badge is every unread message, muted ones too");
        }
        assertEquals(204, rest.send("DELETE", "/api/me/push/mutes/users/" + alice.uid(), null, bobRest.token()).status());
        try (JimClient bJim = people.jim(bob, 2)) {
            // This session's device gets its backlog (alice's and carol's messages) first.
            JsonObject got = bJim.callAmid(0x71, Json.createObjectBuilder().add("c", aliceContact).build(), new java.util.ArrayList<>());
            assertTrue(got.getBoolean("np"));
        }
    }

    /**
     * An edit (issue 25) is a stored notice to the peer's devices, an S2C one-to-one, which no mute
     * names: it sends no push of its own, and its copy is marked announced so the next push does not
     * count it. The next message's push shows that the edit's decision had run.
     */
    @Test
    void editOfAMessageToAnOfflineDevice_sendsNoPush_andIsNotCountedByTheNext() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Subscription browser = register(people.login(bob, "browser"));
        String announced = "select count(*) from delivery d join device v on v.id = d.device_id "
                + "where v.did = 'browser' and v.user_id = (select id from app_user where account = ?) and d.pushed";
        try (WsClient aws = people.connect(alice, "phone")) {
            String id = newId();
            aws.send(c2c(id, bob.uid(), "see you at 9"));
            assertEquals("C2C_SERVER_ACK", aws.nextJson(WAIT).getString("type"));
            assertEquals("see you at 9", awaitOnePush(browser).getString("body"));

            aws.send("{\"type\":\"C2C_EDIT\",\"id\":\"" + id + "\",\"to\":\"" + bob.uid() + "\",\"text\":\"see you at 10\"}");
            assertEquals("C2C_EDIT_ACK", aws.nextJson(WAIT).getString("type"));
            // The message's copy and, once its decision ran, the edit's.
            Awaitility.await().atMost(WAIT).until(() -> Db.count(announced, bob.account()) == 2);

            aws.send(c2c(newId(), bob.uid(), "or 11"));
            assertEquals("C2C_SERVER_ACK", aws.nextJson(WAIT).getString("type"));
            Awaitility.await().atMost(WAIT).until(() -> browser.received().size() >= 2 || !pushService.failures().isEmpty());
            JsonObject next = browser.received().get(1);
            assertEquals("or 11", next.getString("body"));
            assertEquals(1, next.getInt("count"), "the edit's copy is not counted");
            assertStaysAt(browser, 2);
        }
    }

    @Test
    void previewPolicy_noneHidesSenderAndText_senderHidesText() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login browserLogin = people.login(bob, "browser");
        Subscription browser = register(browserLogin);
        Rest.Reply none = rest.send("PUT", "/api/me/push/preview", obj("preview", "none").toString(), browserLogin.token());
        assertEquals(200, none.status(), none::toString);
        assertEquals("none", none.json().getString("preview"));
        try (WsClient aws = people.connect(alice, "phone")) {
            aws.send(c2c(newId(), bob.uid(), "secret plans"));
            JsonObject push = awaitOnePush(browser);
            assertEquals("Chorus", push.getString("title"));
            assertEquals("New message", push.getString("body"));
            assertFalse(push.containsKey("conversation") && !push.isNull("conversation"), push::toString);

            assertEquals(200, rest.send("PUT", "/api/me/push/preview", obj("preview", "sender").toString(), browserLogin.token()).status());
            aws.send(c2c(newId(), bob.uid(), "more secret plans"));
            Awaitility.await().atMost(WAIT).until(() -> browser.received().size() == 2);
            JsonObject second = browser.received().get(1);
            assertEquals(nickname(alice), second.getString("title"));
            assertEquals("New message", second.getString("body"));
        }
        assertEquals(400, rest.send("PUT", "/api/me/push/preview", obj("preview", "loud").toString(), browserLogin.token()).status());
        assertEquals("sender", rest.get("/api/me/push/preview", browserLogin.token()).json().getString("preview"));
    }

    @Test
    void goneSubscription_deletesTheRegistration() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login browserLogin = people.login(bob, "browser");
        Subscription browser = register(browserLogin);
        browser.answerFirst(410);
        double dead = Metrics.counter("chorus_push_attempts_total\\{outcome=\"dead\",provider=\"webpush\"\\}");
        try (WsClient aws = people.connect(alice, "phone")) {
            aws.send(c2c(newId(), bob.uid(), "hello?"));
            Awaitility.await().atMost(WAIT).until(() ->
                    rest.get("/api/me/devices/browser/push", browserLogin.token()).status() == 404);
        }
        assertEquals(1, browser.attempts());
        assertTrue(Metrics.counter("chorus_push_attempts_total\\{outcome=\"dead\",provider=\"webpush\"\\}") >= dead + 1);
    }

    @Test
    void providerOutage_isRetriedWithBackOff_andThePushArrivesOnce() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Subscription browser = register(people.login(bob, "browser"));
        browser.answerFirst(500, 429, 503);
        try (WsClient aws = people.connect(alice, "phone")) {
            aws.send(c2c(newId(), bob.uid(), "eventually"));
            assertEquals("eventually", awaitOnePush(browser).getString("body"));
        }
        assertEquals(4, browser.attempts());
        assertStaysAt(browser, 1);
    }

    @Test
    void registration_badInputChangesNothing_logoutForgetsIt() {
        Login browser = people.loggedIn("bob", "browser");
        Login other = people.login(browser.user(), "other");
        Subscription subscription = pushService.subscribe();
        JsonObject good = subscription.registration();
        JsonObject badKey = Json.createObjectBuilder(good).add("keys", Json.createObjectBuilder()
                .add("p256dh", "BAAA").add("auth", good.getJsonObject("keys").getString("auth"))).build();
        JsonObject foreign = Json.createObjectBuilder(good).add("endpoint", "http://10.0.0.1/push/x").build();
        for (JsonObject bad : List.of(badKey, foreign, obj("provider", "carrier-pigeon"), obj("provider", "webpush"))) {
            Rest.Reply refused = rest.send("PUT", "/api/me/devices/browser/push", bad.toString(), browser.token());
            assertEquals(400, refused.status(), refused::toString);
            assertEquals("invalid_field", refused.reason());
        }
        Rest.Reply apns = rest.send("PUT", "/api/me/devices/browser/push",
                obj("provider", "apns", "token", "a".repeat(64), "topic", "io.chorus.app").toString(), browser.token());
        assertEquals(409, apns.status(), apns::toString);
        assertEquals("push_provider_off", apns.reason());
        assertEquals(404, rest.get("/api/me/devices/browser/push", browser.token()).status(), "nothing was stored");
        assertEquals(404, rest.send("PUT", "/api/me/devices/nosuch/push", good.toString(), browser.token()).status());

        assertEquals(200, rest.send("PUT", "/api/me/devices/browser/push", good.toString(), browser.token()).status());
        assertEquals("webpush", rest.get("/api/me/devices/browser/push", other.token()).json().getString("provider"));
        assertEquals(400, rest.send("PUT", "/api/me/devices/browser/push/state", obj("state", "asleep").toString(), browser.token()).status());
        assertEquals(204, rest.post("/api/auth/logout", "{}", browser.token()).status());
        assertEquals(404, rest.get("/api/me/devices/browser/push", other.token()).status(), "a logged-out device loses its registration");
    }

    @Test
    void jimDeviceStatus_marksTheSocketBackgroundAndForeground() {
        TestUser bob = people.user("bob");
        try (JimClient bJim = people.jim(bob, 2)) {
            String device = "(select c.device_id from device_connection c join app_user u on u.id = c.user_id where u.account = ?)";
            // The socket's row is written a moment after Cmd_Auth is answered.
            Awaitility.await().atMost(WAIT).until(() -> Db.count("select count(*) from device_connection where device_id = " + device,
                    bob.account()) == 1);
            assertEquals(0, bJim.call(0x72, Json.createObjectBuilder().add("s", 0).build()).getInt("code"));
            assertEquals(1, Db.count("select count(*) from device_connection where background and device_id = " + device, bob.account()));
            assertEquals(0, bJim.call(0x73, Json.createObjectBuilder().add("s", 1).build()).getInt("code"));
            assertEquals(0, Db.count("select count(*) from device_connection where background and device_id = " + device, bob.account()));
            assertEquals(1, bJim.call(0x72, Json.createObjectBuilder().add("s", 7).build()).getInt("code"), "refused: nothing changed");
            assertEquals(0, Db.count("select count(*) from device_connection where background and device_id = " + device, bob.account()));
        }
    }

    private Subscription register(Login login) {
        Subscription subscription = pushService.subscribe();
        Rest.Reply reply = rest.send("PUT", "/api/me/devices/" + login.did() + "/push", subscription.registration().toString(), login.token());
        assertEquals(200, reply.status(), reply::toString);
        return subscription;
    }

    private void declare(Login login, String state) {
        Rest.Reply reply = rest.send("PUT", "/api/me/devices/" + login.did() + "/push/state", obj("state", state).toString(), login.token());
        assertEquals(204, reply.status(), reply::toString);
    }

    private String nickname(TestUser user) {
        return Db.count("select 1 from app_user where account = ?", user.account()) == 1
                ? jdbcNickname(user.account()) : null;
    }

    private static String jdbcNickname(String account) {
        try (var c = Db.connect(); var st = c.prepareStatement("select nickname from app_user where account = ?")) {
            st.setString(1, account);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject awaitOnePush(Subscription subscription) {
        Awaitility.await("a push").atMost(WAIT).until(() -> !subscription.received().isEmpty() || !pushService.failures().isEmpty());
        assertEquals(List.of(), pushService.failures());
        return subscription.received().get(0);
    }

    /** The subscription's count stays as it is for longer than a grace delay and a retry. */
    private static void assertStaysAt(Subscription subscription, int pushes) {
        Awaitility.await().during(SETTLE).atMost(SETTLE.plusSeconds(5)).until(() -> subscription.received().size() == pushes);
    }
}
