package io.chorus.app.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.json.Jsonp;
import io.chorus.standin.push.FcmStandIn;
import jakarta.json.JsonObject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link FcmProvider} against {@link FcmStandIn}: the service account's token, the v1 message, FCM's answers. */
class FcmProviderTest {
    private static final String EMAIL = "chorus-push@chorus-test.iam.gserviceaccount.com";
    private static KeyPair account;
    private static FcmStandIn fcm;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        account = generator.generateKeyPair();
        fcm = new FcmStandIn((RSAPublicKey) account.getPublic(), EMAIL);
    }

    @AfterAll
    static void stop() {
        fcm.close();
    }

    @Test
    void push_getsATokenWithTheServiceAccount_andSendsAV1Message() {
        FcmProvider provider = provider(account);
        assertEquals(PushOutcome.SENT, provider.send(job("device-a")));
        assertEquals(PushOutcome.SENT, provider.send(job("device-a2")));

        JsonObject message = fcm.received().stream().filter(m -> m.getString("token").equals("device-a")).findFirst().orElseThrow();
        assertEquals("Ann", message.getJsonObject("notification").getString("title"));
        assertEquals("See you at 8", message.getJsonObject("notification").getString("body"));
        assertEquals("3", message.getJsonObject("data").getString("count"));
        assertEquals("7", message.getJsonObject("data").getString("badge"));
        assertEquals("kYb7qDp3", message.getJsonObject("data").getString("conversation"));
        assertEquals("high", message.getJsonObject("android").getString("priority"));
        assertEquals(List.of(), fcm.failures());
    }

    @Test
    void assertionSignedWithAnotherKey_getsNoToken_andThePushWaits() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        int before = fcm.failures().size();
        assertEquals(PushOutcome.RETRY, provider(generator.generateKeyPair()).send(job("device-b")));
        assertTrue(fcm.failures().get(before).startsWith("token: assertion not RS256 or bad signature"), fcm.failures()::toString);
        fcm.failures().subList(before, fcm.failures().size()).clear();
    }

    @Test
    void expiredAssertion_isRefused() {
        FcmProvider provider = provider(account);
        provider.clock = java.time.Clock.fixed(Instant.now().minusSeconds(7200), java.time.ZoneOffset.UTC);
        int before = fcm.failures().size();
        assertEquals(PushOutcome.RETRY, provider.send(job("device-c")));
        assertTrue(fcm.failures().get(before).startsWith("token: assertion expired"), fcm.failures()::toString);
        fcm.failures().subList(before, fcm.failures().size()).clear();
    }

    @Test
    void revokedAccessToken_isAskedForAgain() {
        FcmProvider provider = provider(account);
        assertEquals(PushOutcome.SENT, provider.send(job("device-d")));
        fcm.revokeTokens();
        assertEquals(PushOutcome.RETRY, provider.send(job("device-d")), "401: the token is dropped");
        assertEquals(PushOutcome.SENT, provider.send(job("device-d")));
    }

    @Test
    void fcmAnswers_meanDeadRetryOrFailed() {
        FcmProvider provider = provider(account);
        fcm.answerFirst("gone", 404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}");
        assertEquals(PushOutcome.DEAD, provider.send(job("gone")));
        fcm.answerFirst("busy", 503, "{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}");
        fcm.answerFirst("busy", 429, "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"errorCode\":\"QUOTA_EXCEEDED\"}]}}");
        assertEquals(PushOutcome.RETRY, provider.send(job("busy")));
        assertEquals(PushOutcome.RETRY, provider.send(job("busy")));
        assertEquals(PushOutcome.SENT, provider.send(job("busy")));
        fcm.answerFirst("bad", 400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"errorCode\":\"INVALID_ARGUMENT\"}]}}");
        assertEquals(PushOutcome.FAILED, provider.send(job("bad")));
    }

    @Test
    void message_keepsDataAsStrings_andLeavesOutAHiddenConversation() {
        PushJob hidden = new PushJob(1, "fcm", "t", null, null, null, false, new PushNotice("Chorus", "New message", 2, 1, "C2C", null), 1);
        JsonObject data = FcmProvider.message(hidden, 60).getJsonObject("message").getJsonObject("data");
        assertEquals(Jsonp.object().add("count", "1").add("kind", "C2C").add("badge", "2").build(), data);
        assertEquals("60s", FcmProvider.message(hidden, 60).getJsonObject("message").getJsonObject("android").getString("ttl"));
    }

    private static FcmProvider provider(KeyPair key) {
        PushSettings settings = new PushSettings();
        settings.fcmServiceAccountFile = Optional.empty();
        settings.fcmServiceAccount = Optional.of(Jsonp.object().add("type", "service_account").add("project_id", FcmStandIn.PROJECT)
                .add("private_key_id", "k1").add("client_email", EMAIL).add("token_uri", fcm.url() + "/token")
                .add("private_key", "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n").build().toString());
        settings.fcmUrl = fcm.url();
        settings.fcmTokenUri = Optional.empty();
        settings.ttlSeconds = 3600;
        FcmProvider provider = new FcmProvider();
        provider.settings = settings;
        return provider;
    }

    private static PushJob job(String deviceToken) {
        return new PushJob(1, "fcm", deviceToken, null, null, null, false, new PushNotice("Ann", "See you at 8", 7, 3, "C2C", "kYb7qDp3"), 1);
    }
}
