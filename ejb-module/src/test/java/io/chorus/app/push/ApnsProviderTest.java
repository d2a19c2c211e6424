package io.chorus.app.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.chorus.standin.push.ApnsStandIn;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ApnsProvider} against {@link ApnsStandIn}: HTTP/2 over TLS, token authentication, Apple's answers. */
class ApnsProviderTest {
    private static final String TOPIC = "io.chorus.app";
    private static final String KEY_ID = "ABC123DEFG";
    private static final String TEAM_ID = "DEF123GHIJ";
    private static ECKey teamKey;
    private static ApnsStandIn apns;

    @BeforeAll
    static void start() throws Exception {
        teamKey = new ECKeyGenerator(Curve.P_256).generate();
        apns = new ApnsStandIn(teamKey.toECPublicKey(), KEY_ID, TEAM_ID, TOPIC);
    }

    @AfterAll
    static void stop() {
        apns.close();
    }

    @Test
    void push_arrivesOverHttp2WithAVerifiedTokenTopicAndAlert() throws Exception {
        String device = token("a");
        assertEquals(PushOutcome.SENT, provider(teamKey).send(job(device)));

        ApnsStandIn.Received push = apns.received().stream().filter(r -> r.token().equals(device)).findFirst().orElseThrow();
        assertEquals(TOPIC, push.headers().get("apns-topic"));
        assertEquals("alert", push.headers().get("apns-push-type"));
        assertEquals("Ann", push.body().getJsonObject("aps").getJsonObject("alert").getString("title"));
        assertEquals("See you at 8", push.body().getJsonObject("aps").getJsonObject("alert").getString("body"));
        assertEquals(7, push.body().getJsonObject("aps").getInt("badge"));
        assertEquals(3, push.body().getJsonObject("chorus").getInt("count"));
        assertEquals(List.of(), apns.failures().stream().filter(f -> f.contains(device)).toList());
    }

    @Test
    void tokenSignedWithAnotherKey_isRefusedByTheStandIn() throws Exception {
        int before = apns.failures().size();
        assertEquals(PushOutcome.FAILED, provider(new ECKeyGenerator(Curve.P_256).generate()).send(job(token("b"))));
        assertTrue(apns.failures().size() > before);
        assertTrue(apns.failures().get(apns.failures().size() - 1).startsWith("403 InvalidProviderToken"));
    }

    @Test
    void tokenOlderThanAnHour_isRefusedAsExpired_andMadeAnewForTheRetry() throws Exception {
        ApnsProvider provider = provider(teamKey);
        provider.clock = java.time.Clock.fixed(Instant.now().minusSeconds(7200), java.time.ZoneOffset.UTC);
        assertEquals(PushOutcome.RETRY, provider.send(job(token("c"))));
        provider.clock = java.time.Clock.systemUTC();
        assertTrue(apns.failures().get(apns.failures().size() - 1).startsWith("403 ExpiredProviderToken"));
        assertEquals(PushOutcome.SENT, provider.send(job(token("c"))), "the refused token was replaced");
    }

    @Test
    void wrongTopic_isRefused() throws Exception {
        PushJob job = job(token("d"));
        PushJob otherApp = new PushJob(job.deviceId(), "apns", job.token(), null, null, "com.example.other", false, job.notice(), 1);
        assertEquals(PushOutcome.FAILED, provider(teamKey).send(otherApp));
        assertTrue(apns.failures().get(apns.failures().size() - 1).startsWith("400 TopicDisallowed"));
    }

    @Test
    void applesAnswers_meanDeadRetryOrFailed() throws Exception {
        ApnsProvider provider = provider(teamKey);
        String gone = token("e");
        apns.answerFirst(gone, 410, "Unregistered");
        assertEquals(PushOutcome.DEAD, provider.send(job(gone)));
        String bad = token("f");
        apns.answerFirst(bad, 400, "BadDeviceToken");
        assertEquals(PushOutcome.DEAD, provider.send(job(bad)));
        String busy = token("1");
        apns.answerFirst(busy, 503, "ServiceUnavailable");
        apns.answerFirst(busy, 429, "TooManyRequests");
        assertEquals(PushOutcome.RETRY, provider.send(job(busy)));
        assertEquals(PushOutcome.RETRY, provider.send(job(busy)));
        assertEquals(PushOutcome.SENT, provider.send(job(busy)));
        assertEquals(PushOutcome.FAILED, ApnsProvider.outcomeOf(400, "PayloadTooLarge"));
    }

    @Test
    void unreachable_isRetried() throws Exception {
        PushSettings settings = settings(teamKey);
        settings.apnsProductionUrl = "https://127.0.0.1:1";
        ApnsProvider provider = new ApnsProvider();
        provider.settings = settings;
        assertEquals(PushOutcome.RETRY, provider.send(job(token("2"))));
    }

    private static ApnsProvider provider(ECKey key) throws Exception {
        ApnsProvider provider = new ApnsProvider();
        provider.settings = settings(key);
        return provider;
    }

    private static PushSettings settings(ECKey key) throws Exception {
        PushSettings settings = new PushSettings();
        settings.apnsKeyFile = Optional.empty();
        settings.apnsKey = Optional.of(pem(key));
        settings.apnsKeyId = Optional.of(KEY_ID);
        settings.apnsTeamId = Optional.of(TEAM_ID);
        settings.apnsProductionUrl = apns.url();
        settings.apnsSandboxUrl = apns.url();
        settings.apnsTrustStore = Optional.of(apns.trustStore().toString());
        settings.apnsTrustStorePassword = Optional.of(ApnsStandIn.TRUST_STORE_PASSWORD);
        settings.ttlSeconds = 3600;
        return settings;
    }

    private static String pem(ECKey key) throws Exception {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.toECPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String token(String seed) {
        return seed.repeat(64);
    }

    private static PushJob job(String deviceToken) {
        return new PushJob(1, "apns", deviceToken, null, null, TOPIC, false,
                new PushNotice("Ann", "See you at 8", 7, 3, "C2C", "kYb7qDp3"), 1);
    }
}
