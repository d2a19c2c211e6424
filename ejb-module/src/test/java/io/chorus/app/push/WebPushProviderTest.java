package io.chorus.app.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The answers a push service gives and what each means; the VAPID header's token. */
class WebPushProviderTest {
    @Test
    void outcomeOf_rfc8030Answers() {
        assertEquals(PushOutcome.SENT, WebPushProvider.outcomeOf(201));
        assertEquals(PushOutcome.DEAD, WebPushProvider.outcomeOf(404));
        assertEquals(PushOutcome.DEAD, WebPushProvider.outcomeOf(410));
        assertEquals(PushOutcome.RETRY, WebPushProvider.outcomeOf(429));
        assertEquals(PushOutcome.RETRY, WebPushProvider.outcomeOf(503));
        assertEquals(PushOutcome.FAILED, WebPushProvider.outcomeOf(400));
        assertEquals(PushOutcome.FAILED, WebPushProvider.outcomeOf(413));
    }

    @Test
    void vapid_tokenIsEs256ForTheEndpointsOrigin() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        String publicKey = Base64URL.encode(WebPushCrypto.uncompressed(key.toECPublicKey())).toString();
        Instant now = Instant.ofEpochSecond(1_800_000_000L);

        String header = new Vapid(publicKey, key.getD().toString(), "mailto:ops@example.com")
                .authorization("https://push.example.net:8443/wpush/v2/abc", now);

        assertTrue(header.startsWith("vapid t="));
        assertTrue(header.endsWith(", k=" + publicKey));
        SignedJWT jwt = SignedJWT.parse(header.substring("vapid t=".length(), header.indexOf(',')));
        assertTrue(jwt.verify(new ECDSAVerifier(key.toPublicJWK())));
        assertEquals("https://push.example.net:8443", jwt.getJWTClaimsSet().getAudience().get(0));
        assertEquals("mailto:ops@example.com", jwt.getJWTClaimsSet().getSubject());
        assertEquals(now.plus(Vapid.LIFETIME), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
    }

    @Test
    void retryDelay_doublesFromTheFirstAndStopsAtTheCap() {
        PushSettings settings = new PushSettings();
        settings.retryFirstMillis = 1000;
        settings.retryMaxMillis = 5000;
        assertEquals(1000, settings.retryDelayMillis(1));
        assertEquals(2000, settings.retryDelayMillis(2));
        assertEquals(4000, settings.retryDelayMillis(3));
        assertEquals(5000, settings.retryDelayMillis(4));
        assertEquals(5000, settings.retryDelayMillis(60));
    }
}
