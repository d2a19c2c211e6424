package io.chorus.it.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

/**
 * Re-signs a real token's claims, to make tokens the server would not issue itself: expired ones
 * (with the server's development secret, which the test server runs with) or forged ones.
 */
public final class Tokens {
    /** The built-in development secret from microprofile-config.properties. */
    public static final String DEV_SECRET = "chorus-development-secret-change-me-0123456789";

    private Tokens() {
    }

    public static String expiredCopyOf(String token) {
        return resign(token, DEV_SECRET, Instant.now().minusSeconds(3600));
    }

    public static String forgedCopyOf(String token) {
        return resign(token, "an attacker's secret that is long enough to sign", Instant.now().plusSeconds(3600));
    }

    private static String resign(String token, String secret, Instant expiry) {
        try {
            JWTClaimsSet original = SignedJWT.parse(token).getJWTClaimsSet();
            JWTClaimsSet claims = new JWTClaimsSet.Builder(original)
                    .issueTime(Date.from(expiry.minusSeconds(7200)))
                    .expirationTime(Date.from(expiry))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
