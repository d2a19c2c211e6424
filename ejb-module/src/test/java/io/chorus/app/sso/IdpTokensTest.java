package io.chorus.app.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The IdP token checks, with keys made here in place of the IdP's JWKS (SsoIT does it against Keycloak). */
class IdpTokensTest {
    private static final String ISSUER = "https://idp.example.com/realms/company";
    private static final RSAKey IDP_KEY = key("idp-key");
    private final IdpTokens tokens = new IdpTokens(ISSUER, "chorus", 0,
            new ImmutableJWKSet<>(new JWKSet(IDP_KEY.toPublicJWK())));

    @Test
    void aGenuineTokenForChorus_isAccepted() throws JOSEException {
        JWTClaimsSet claims = tokens.verifyAppToken(signed(IDP_KEY, claims().build()));
        assertEquals("person-1", claims.getSubject());
    }

    @Test
    void aTokenOfAnotherIssuer_isRefusedAsSuch() throws JOSEException {
        assertRefused(ErrorCode.IDP_TOKEN_INVALID, "another issuer",
                () -> tokens.verifyAppToken(signed(IDP_KEY, claims().issuer("https://evil.example.com").build())));
    }

    @Test
    void aTokenForAnotherAudience_isRefused() throws JOSEException {
        assertRefused(ErrorCode.IDP_TOKEN_INVALID, "aud",
                () -> tokens.verifyAppToken(signed(IDP_KEY, claims().audience("payroll").build())));
    }

    @Test
    void aTokenSignedWithAnotherKeyOfTheSameKid_isRefused() throws JOSEException {
        assertRefused(ErrorCode.IDP_TOKEN_INVALID, "signature",
                () -> tokens.verifyAppToken(signed(key("idp-key"), claims().build())));
    }

    @Test
    void unsignedAndHmacTokens_areRefused() throws JOSEException {
        assertRefused(ErrorCode.IDP_TOKEN_INVALID, "not signed",
                () -> tokens.verifyAppToken(new PlainJWT(claims().build()).serialize()));
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner(IDP_KEY.toPublicJWK().toRSAPublicKey().getEncoded()));
        assertRefused(ErrorCode.IDP_TOKEN_INVALID, "", () -> tokens.verifyAppToken(hmac.serialize()));
    }

    @Test
    void anExpiredToken_isRefusedAsExpired() throws JOSEException {
        String expired = signed(IDP_KEY, claims().expirationTime(Date.from(Instant.now().minusSeconds(5))).build());
        assertRefused(ErrorCode.IDP_TOKEN_EXPIRED, "", () -> tokens.verifyAppToken(expired));
    }

    @Test
    void garbage_isRefused() {
        assertRefused(ErrorCode.IDP_TOKEN_INVALID, "not a JWT", () -> tokens.verifyAppToken("a.b"));
        assertRefused(ErrorCode.IDP_TOKEN_INVALID, "required", () -> tokens.verifyAppToken(" "));
    }

    @Test
    void anIdToken_needsTheNonceChorusSent() throws JOSEException {
        String idToken = signed(IDP_KEY, claims().audience("chorus").claim("nonce", "n-1").issueTime(new Date()).build());
        assertEquals("person-1", tokens.verifyIdToken(idToken, "chorus", "n-1").getSubject().getValue());
        assertRefused(ErrorCode.IDP_TOKEN_INVALID, "nonce", () -> tokens.verifyIdToken(idToken, "chorus", "n-2"));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("person-1").audience(List.of("chorus", "account"))
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).issueTime(new Date())
                .claim("preferred_username", "ada");
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(ErrorCode code, String detail, Executable check) {
        ChorusException refused = assertThrows(ChorusException.class, check);
        assertEquals(code, refused.code());
        assertTrue(refused.getMessage().contains(detail), refused::getMessage);
    }
}
