package io.chorus.it.push;

import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.admin.Admins;
import io.chorus.it.admin.ConsoleBrowser;
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
import io.chorus.standin.push.ApnsStandIn;
import io.chorus.standin.push.FcmStandIn;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
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
 * Offline push end to end (docs/PUSH.md), through all three providers: the server under test is
 * configured with Web Push (the VAPID key below), APNs and FCM, and a grace delay of 1.5 s, for this
 * class's deployment only (push stays off for the rest of the suite). Each provider is a strict local
 * stand-in: a push service that decrypts every Web Push with the subscription's private key and
 * checks the VAPID token; APNs over HTTP/2 and TLS (trusted through the deployment's
 * {@code chorus.push.apns.trust-store} only) that verifies the provider token against the team key
 * made here, and the headers; Google's token endpoint and FCM HTTP v1, which verify the service
 * account's assertion and issue and check the access token (push-stand-ins). Anything a stand-in
 * refuses that a test did not cause on purpose fails the test. Where a test shows that a device gets
 * no push, another device of the same decision gets one first, so the absence is decided, not merely
 * not yet seen.
 */
@ExtendWith(ArquillianExtension.class)
class PushIT {
    /** The application server key the test server signs with (the deployment's chorus.push.webpush.*). */
    static final String VAPID_PUBLIC_KEY = "BJ1OOL3bOO0If-pZARYymDEefCU2RXGXVIhgimq3Na9wVCoe1r8vwtq-fYlaMbddMRZcT6Dtr5TnDNaLziEVIdI";
    private static final String VAPID_PRIVATE_KEY = "b46L6gBM5Ekg7Gn1WC6SH6u7qIuDnFtJdi8IX1rMlDQ";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofMillis(2500);
    /** The app whose pushes the APNs stand-in takes (apns-topic), and the key's ids in the provider token. */
    static final String APNS_TOPIC = "io.chorus.it";
    private static final String APNS_KEY_ID = "ABC123DEFG";
    private static final String APNS_TEAM_ID = "DEF123GHIJ";
    private static final String FCM_ACCOUNT = "chorus-push@" + FcmStandIn.PROJECT + ".iam.gserviceaccount.com";
    private static WebPushServiceStandIn pushService;
    private static ApnsStandIn apns;
    private static FcmStandIn fcm;
    /** The team's .p8 key and the service account's key file, as an operator hands them to the server. */
    private static Path apnsKeyFile;
    private static Path fcmAccountFile;
    private final Rest rest = Rest.local();
    private final People people = new People(rest);

    /**
     * The real EAR with every provider configured as an operator would: a test VAPID key, endpoints
     * on 127.0.0.1 only (the Web Push stand-in); an APNs key file, its ids, and the APNs stand-in's
     * URL and trust store; a service account key file whose token_uri is the FCM stand-in's, and its
     * URL; a short grace delay and first retry. The APNs and FCM stand-ins start here, before the
     * deployment (its configuration names their ports), with keys made for this run.
     */
    @Deployment(testable = false)
    public static EnterpriseArchive ear() {
        startProviderStandIns();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("chorus.push.webpush.vapid-public-key", VAPID_PUBLIC_KEY);
        settings.put("chorus.push.webpush.vapid-private-key", VAPID_PRIVATE_KEY);
        settings.put("chorus.push.webpush.subject", "mailto:push-tests@chorus.test");
        settings.put("chorus.push.webpush.allowed-endpoints", "http://127[.]0[.]0[.]1:[0-9]+/push/.+");
        settings.put("chorus.push.apns.key-file", apnsKeyFile.toString());
        settings.put("chorus.push.apns.key-id", APNS_KEY_ID);
        settings.put("chorus.push.apns.team-id", APNS_TEAM_ID);
        settings.put("chorus.push.apns.production-url", apns.url());
        settings.put("chorus.push.apns.sandbox-url", apns.url());
        settings.put("chorus.push.apns.trust-store", apns.trustStore().toString());
        settings.put("chorus.push.apns.trust-store-password", ApnsStandIn.TRUST_STORE_PASSWORD);
        settings.put("chorus.push.fcm.service-account-file", fcmAccountFile.toString());
        settings.put("chorus.push.fcm.url", fcm.url());
        settings.put("chorus.push.grace-ms", "1500");
        settings.put("chorus.push.retry-first-ms", "300");
        return Deployments.chorusEarWith("push", settings);
    }

    /** APNs and FCM stand-ins with a team key and a service account made now, whose private keys go to the server as files. */
    private static synchronized void startProviderStandIns() {
        if (apns != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("chorus-push-it");
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair teamKey = ec.generateKeyPair();
            apnsKeyFile = Files.writeString(dir.resolve("AuthKey_" + APNS_KEY_ID + ".p8"), pem(teamKey));
            apns = new ApnsStandIn((ECPublicKey) teamKey.getPublic(), APNS_KEY_ID, APNS_TEAM_ID, APNS_TOPIC);

            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair accountKey = rsa.generateKeyPair();
            fcm = new FcmStandIn((RSAPublicKey) accountKey.getPublic(), FCM_ACCOUNT);
            fcmAccountFile = Files.writeString(dir.resolve("firebase-sa.json"), Json.createObjectBuilder()
                    .add("type", "service_account").add("project_id", FcmStandIn.PROJECT).add("private_key_id", "k1")
                    .add("private_key", pem(accountKey)).add("client_email", FCM_ACCOUNT).add("token_uri", fcm.url() + "/token")
                    .build().toString());
        } catch (Exception e) {
            throw new IllegalStateException("The APNs and FCM stand-ins did not start", e);
        }
    }

    private static String pem(KeyPair key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @BeforeAll
    static void startPushService() {
        pushService = new WebPushServiceStandIn(VAPID_PUBLIC_KEY);
    }

    @AfterAll
    static void stopPushServices() {
        pushService.close();
        if (apns != null) {
            apns.close();
            fcm.close();
        }
    }

    @AfterEach
    void nothingFailedTheStandInsChecks() {
        assertEquals(List.of(), pushService.failures(), "every push decrypts and carries a valid VAPID token");
        assertEquals(List.of(), apns.failures(), "every APNs push has a provider token the team key verifies, and the right headers");
        assertEquals(List.of(), fcm.failures(), "every FCM push has a token issued for a verified assertion, and a well-formed message");
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

    /**
     * APNs through the server: a burst to an offline iPhone is one push, with the badge and the
     * newest text, over HTTP/2 and TLS to the stand-in, which verified the provider token (ES256
     * against the team key, kid, iss, iat) and the headers before taking it.
     */
    @Test
    void apns_burstToOfflineDevice_isOnePushWithBadgeAndText_withAVerifiedProviderTokenAndHeaders() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login iphone = people.login(bob, "iphone");
        String token = apnsToken();
        Rest.Reply registered = registerApns(iphone, token, APNS_TOPIC);
        assertEquals(obj("provider", "apns", "topic", APNS_TOPIC, "sandbox", false), registered.json());
        try (WsClient aws = people.connect(alice, "phone")) {
            sendBurst(aws, bob, "m1", "m2", "m3");
            ApnsStandIn.Received push = awaitOne(() -> apnsPushesTo(token));
            JsonObject aps = push.body().getJsonObject("aps");
            assertEquals(nickname(alice), aps.getJsonObject("alert").getString("title"));
            assertEquals("m3", aps.getJsonObject("alert").getString("body"));
            assertEquals(3, aps.getInt("badge"));
            assertEquals("default", aps.getString("sound"));
            JsonObject chorus = push.body().getJsonObject("chorus");
            assertEquals(3, chorus.getInt("count"));
            assertEquals("C2C", chorus.getString("kind"));
            assertEquals(alice.uid(), chorus.getString("conversation"));
            assertEquals(APNS_TOPIC, push.headers().get("apns-topic"));
            assertEquals("alert", push.headers().get("apns-push-type"));
            assertEquals("10", push.headers().get("apns-priority"));
            long expiration = Long.parseLong(push.headers().get("apns-expiration"));
            assertTrue(Math.abs(expiration - (Instant.now().getEpochSecond() + 86_400)) < 120, "apns-expiration is now + ttl: " + expiration);
            assertStaysAt(() -> apnsPushesTo(token).size(), 1);
        }
    }

    /**
     * FCM through the server: the same burst to an offline Android phone is one v1 message with the
     * badge and the newest text, sent with an access token the stand-in's token endpoint issued for
     * the service account's verified assertion.
     */
    @Test
    void fcm_burstToOfflineDevice_isOnePushWithBadgeAndText_withATokenForTheServiceAccount() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login android = people.login(bob, "android");
        String token = fcmToken();
        assertEquals(obj("provider", "fcm", "sandbox", false), registerFcm(android, token).json());
        try (WsClient aws = people.connect(alice, "phone")) {
            sendBurst(aws, bob, "m1", "m2", "m3");
            JsonObject message = awaitOne(() -> fcmPushesTo(token));
            assertEquals(nickname(alice), message.getJsonObject("notification").getString("title"));
            assertEquals("m3", message.getJsonObject("notification").getString("body"));
            JsonObject data = message.getJsonObject("data");
            assertEquals(Json.createObjectBuilder().add("count", "3").add("kind", "C2C").add("badge", "3")
                    .add("conversation", alice.uid()).build(), data);
            JsonObject androidConfig = message.getJsonObject("android");
            assertEquals("high", androidConfig.getString("priority"));
            assertEquals("86400s", androidConfig.getString("ttl"));
            assertEquals(3, androidConfig.getJsonObject("notification").getInt("notification_count"));
            assertTrue(fcm.tokensIssued() >= 1);
            assertStaysAt(() -> fcmPushesTo(token).size(), 1);
        }
    }

    /** Apple's 410 Unregistered and 400 BadDeviceToken, and FCM's UNREGISTERED, each delete the device's registration. */
    @Test
    void deadTokens_apns410_apnsBadDeviceToken_fcmUnregistered_deleteTheRegistrations() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login iphone = people.login(bob, "iphone");
        Login ipad = people.login(bob, "ipad");
        Login android = people.login(bob, "android");
        String uninstalled = apnsToken();
        String bad = apnsToken();
        String gone = fcmToken();
        registerApns(iphone, uninstalled, APNS_TOPIC);
        registerApns(ipad, bad, APNS_TOPIC);
        registerFcm(android, gone);
        apns.answerFirst(uninstalled, 410, "Unregistered");
        apns.answerFirst(bad, 400, "BadDeviceToken");
        fcm.answerFirst(gone, 404, "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}");
        double apnsDead = Metrics.counter("chorus_push_attempts_total\\{outcome=\"dead\",provider=\"apns\"\\}");
        double fcmDead = Metrics.counter("chorus_push_attempts_total\\{outcome=\"dead\",provider=\"fcm\"\\}");
        try (WsClient aws = people.connect(alice, "phone")) {
            aws.send(c2c(newId(), bob.uid(), "still there?"));
            assertEquals("C2C_SERVER_ACK", aws.nextJson(WAIT).getString("type"));
            for (Login device : List.of(iphone, ipad, android)) {
                Awaitility.await(device.did() + "'s registration deleted").atMost(WAIT).until(() ->
                        rest.get("/api/me/devices/" + device.did() + "/push", device.token()).status() == 404);
            }
        }
        assertEquals(apnsDead + 2, Metrics.counter("chorus_push_attempts_total\\{outcome=\"dead\",provider=\"apns\"\\}"));
        assertEquals(fcmDead + 1, Metrics.counter("chorus_push_attempts_total\\{outcome=\"dead\",provider=\"fcm\"\\}"));
        assertEquals(List.of(), apnsPushesTo(uninstalled));
        assertEquals(List.of(), fcmPushesTo(gone));
    }

    /**
     * A push the provider refuses for good fails: APNs' stand-in refuses a topic that is not the
     * app's (400 TopicDisallowed, as Apple does, and records it: taken out here, as caused on
     * purpose), FCM answers INVALID_ARGUMENT; a 503 is retried. The admin figures and the console's
     * push card show each provider's sent, failed, dead and retried pushes, summed over the live
     * nodes from their lease reports. The counts differ from column to column (APNs 3 sent, 1 failed,
     * 0 dead, 1 retry; FCM 1 sent, 2 failed), so a card that shows one figure in another's column
     * fails, whatever ran before.
     */
    @Test
    void refusedPushesFail_andTheAdminConsoleShowsSentAndFailedPerProvider() throws IOException {
        Login admin = Admins.login(rest, "console");
        Map<String, JsonObject> before = pushFigures(admin);
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        String iphone = registerApns(people.login(bob, "iphone"), APNS_TOPIC);
        String ipad = registerApns(people.login(bob, "ipad"), APNS_TOPIC);
        String busy = registerApns(people.login(bob, "mac"), APNS_TOPIC);
        registerApns(people.login(bob, "other-app"), "com.example.other");
        String android = registerFcm(people.login(bob, "android"));
        String tablet = registerFcm(people.login(bob, "tablet"));
        String watch = registerFcm(people.login(bob, "watch"));
        apns.answerFirst(busy, 503, "ServiceUnavailable");
        for (String refused : List.of(tablet, watch)) {
            fcm.answerFirst(refused, 400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\","
                    + "\"details\":[{\"errorCode\":\"INVALID_ARGUMENT\"}]}}");
        }
        try (WsClient aws = people.connect(alice, "phone")) {
            aws.send(c2c(newId(), bob.uid(), "hello"));
            assertEquals("C2C_SERVER_ACK", aws.nextJson(WAIT).getString("type"));
            // One decision, seven sends in any order: four taken (one after a retry), one refused by
            // APNs' checks, two scripted refusals.
            Awaitility.await("the pushes and the refusal").atMost(WAIT).until(() -> List.of(iphone, ipad, busy).stream()
                    .allMatch(token -> !apnsPushesTo(token).isEmpty()) && !fcmPushesTo(android).isEmpty() && !apns.failures().isEmpty());
            assertEquals(List.of("400 TopicDisallowed com.example.other"), List.copyOf(apns.failures()));
            apns.failures().clear();
        }
        Map<String, Map<String, Long>> added = Map.of(
                "apns", Map.of("sent", 3L, "failed", 1L, "dead", 0L, "retry", 1L),
                "fcm", Map.of("sent", 1L, "failed", 2L, "dead", 0L, "retry", 0L));
        // The node reports its figures with each lease renewal (every 5 s).
        Awaitility.await("the pushes in the admin figures").atMost(WAIT).until(() -> {
            Map<String, JsonObject> now = pushFigures(admin);
            return added.entrySet().stream().allMatch(provider -> provider.getValue().entrySet().stream().allMatch(outcome ->
                    count(now, provider.getKey(), outcome.getKey()) >= count(before, provider.getKey(), outcome.getKey()) + outcome.getValue()));
        });
        Map<String, JsonObject> after = pushFigures(admin);
        added.forEach((provider, outcomes) -> {
            assertTrue(after.get(provider).getBoolean("configured"), provider);
            outcomes.forEach((outcome, more) -> assertEquals(count(before, provider, outcome) + more, count(after, provider, outcome),
                    provider + " " + outcome));
        });
        assertEquals((double) count(after, "fcm", "failed"),
                Metrics.counter("chorus_push_attempts_total\\{outcome=\"failed\",provider=\"fcm\"\\}"), "as /metrics counts them");

        try (ConsoleBrowser console = new ConsoleBrowser()) {
            console.signInAsAdmin();
            Map<String, String> names = Map.of("apns", "APNs", "fcm", "FCM", "webpush", "Web Push");
            for (String provider : List.of("apns", "fcm", "webpush")) {
                List<String> expected = List.of(names.get(provider), "on", Long.toString(count(after, provider, "sent")),
                        Long.toString(count(after, provider, "failed")), Long.toString(count(after, provider, "dead")),
                        Long.toString(count(after, provider, "retry")));
                console.awaitPushRow(provider, expected);
            }
            console.shot("push-card");
        }
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
        JsonObject apnsNotHex = obj("provider", "apns", "token", "z".repeat(64), "topic", APNS_TOPIC);
        JsonObject apnsNoTopic = obj("provider", "apns", "token", "a".repeat(64));
        JsonObject fcmNoToken = obj("provider", "fcm");
        for (JsonObject bad : List.of(badKey, foreign, obj("provider", "carrier-pigeon"), obj("provider", "webpush"), apnsNotHex, apnsNoTopic,
                fcmNoToken)) {
            Rest.Reply refused = rest.send("PUT", "/api/me/devices/browser/push", bad.toString(), browser.token());
            assertEquals(400, refused.status(), refused::toString);
            assertEquals("invalid_field", refused.reason());
        }
        // (A provider this server has not configured is refused 409 push_provider_off: AuthorizationMatrixIT, push off.)
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
        assertStaysAt(() -> subscription.received().size(), pushes);
    }

    private static void assertStaysAt(Supplier<Integer> count, int pushes) {
        Awaitility.await().during(SETTLE).atMost(SETTLE.plusSeconds(5)).until(() -> count.get() == pushes);
    }

    /** The first of the pushes {@code received} lists, once there is one; fails at once if a stand-in refused one meanwhile. */
    private static <T> T awaitOne(Supplier<List<T>> received) {
        Awaitility.await("a push").atMost(WAIT).until(() -> !received.get().isEmpty() || !apns.failures().isEmpty()
                || !fcm.failures().isEmpty());
        assertEquals(List.of(), apns.failures());
        assertEquals(List.of(), fcm.failures());
        return received.get().get(0);
    }

    private static List<ApnsStandIn.Received> apnsPushesTo(String token) {
        return apns.received().stream().filter(push -> push.token().equals(token)).toList();
    }

    private static List<JsonObject> fcmPushesTo(String token) {
        return fcm.received().stream().filter(message -> message.getString("token").equals(token)).toList();
    }

    /** A device token as an iPhone has one: 32 random bytes, in hex. */
    private static String apnsToken() {
        byte[] token = new byte[32];
        ThreadLocalRandom.current().nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    /** An FCM registration token (opaque to the server). */
    private static String fcmToken() {
        return "fcm-" + java.util.UUID.randomUUID() + ":APA91b" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private Rest.Reply registerApns(Login login, String token, String topic) {
        Rest.Reply reply = rest.send("PUT", "/api/me/devices/" + login.did() + "/push",
                obj("provider", "apns", "token", token, "topic", topic, "sandbox", false).toString(), login.token());
        assertEquals(200, reply.status(), reply::toString);
        return reply;
    }

    /** Registers a new APNs device token for {@code login}'s device; returns the token. */
    private String registerApns(Login login, String topic) {
        String token = apnsToken();
        registerApns(login, token, topic);
        return token;
    }

    /** Registers a new FCM registration token for {@code login}'s device; returns the token. */
    private String registerFcm(Login login) {
        String token = fcmToken();
        registerFcm(login, token);
        return token;
    }

    private Rest.Reply registerFcm(Login login, String token) {
        Rest.Reply reply = rest.send("PUT", "/api/me/devices/" + login.did() + "/push", obj("provider", "fcm", "token", token).toString(),
                login.token());
        assertEquals(200, reply.status(), reply::toString);
        return reply;
    }

    /** Alice's messages to bob, each stored (acknowledged) before the next: one burst, well within the grace delay. */
    private static void sendBurst(WsClient from, TestUser to, String... texts) {
        for (String text : texts) {
            from.send(c2c(newId(), to.uid(), text));
            assertEquals("C2C_SERVER_ACK", from.nextJson(WAIT).getString("type"));
        }
    }

    /** {@code /api/admin/figures}' push figures, by provider. */
    private Map<String, JsonObject> pushFigures(Login admin) {
        Rest.Reply reply = rest.get("/api/admin/figures", admin.token());
        assertEquals(200, reply.status(), reply::toString);
        Map<String, JsonObject> byProvider = new LinkedHashMap<>();
        reply.json().getJsonArray("push").getValuesAs(JsonObject.class).forEach(p -> byProvider.put(p.getString("provider"), p));
        return byProvider;
    }

    private static long count(Map<String, JsonObject> figures, String provider, String outcome) {
        return figures.get(provider).getJsonNumber(outcome).longValue();
    }
}
