package io.chorus.app.account;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues and checks the HS256 JWTs of SPEC §3 (Nimbus JOSE+JWT). A token names the user, the
 * device and the device's token generation; whether that generation is still current is the
 * {@link AccountService}'s business, because it needs the database.
 */
@ApplicationScoped
public class TokenService {
    static final String CLAIM_TYPE = "typ";
    static final String CLAIM_DEVICE = "dev";
    static final String CLAIM_DID = "did";
    static final String CLAIM_GENERATION = "gen";

    @Inject
    @ConfigProperty(name = "chorus.jwt.secret")
    String secret;

    @Inject
    @ConfigProperty(name = "chorus.jwt.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "chorus.jwt.access-ttl-seconds")
    long accessTtlSeconds;

    @Inject
    @ConfigProperty(name = "chorus.jwt.refresh-ttl-seconds")
    long refreshTtlSeconds;

    @Inject
    @ConfigProperty(name = "chorus.jwt.leeway-seconds")
    long leewaySeconds;

    Clock clock = Clock.systemUTC();
    private MACSigner signer;
    private MACVerifier verifier;

    public TokenService() {
    }

    /** For unit tests. */
    TokenService(String secret, long accessTtlSeconds, long refreshTtlSeconds, Clock clock) {
        this.secret = secret;
        this.issuer = "chorus";
        this.accessTtlSeconds = accessTtlSeconds;
        this.refreshTtlSeconds = refreshTtlSeconds;
        this.leewaySeconds = 30;
        this.clock = clock;
        init();
    }

    @PostConstruct
    void init() {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalStateException("chorus.jwt.secret must be at least 32 bytes long");
        }
        try {
            signer = new MACSigner(key);
            verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("Unusable chorus.jwt.secret", e);
        }
    }

    public long accessTtlSeconds() {
        return accessTtlSeconds;
    }

    public String issue(TokenType type, TokenSubject subject) {
        Instant now = clock.instant();
        long ttl = type == TokenType.ACCESS ? accessTtlSeconds : refreshTtlSeconds;
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject.publicUid())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttl)))
                .claim(CLAIM_TYPE, type.claim())
                .claim(CLAIM_DEVICE, subject.deviceId())
                .claim(CLAIM_DID, subject.did())
                .claim(CLAIM_GENERATION, subject.generation())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * Checks signature, issuer, type and expiry. An expired but otherwise genuine token is
     * {@link ErrorCode#TOKEN_EXPIRED}; everything else that is wrong is {@link ErrorCode#TOKEN_INVALID}.
     */
    public TokenSubject verify(String token, TokenType expected) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            throw new ChorusException(ErrorCode.TOKEN_INVALID);
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new ChorusException(ErrorCode.TOKEN_INVALID);
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.equals(claims.getIssuer()) || !expected.claim().equals(claims.getStringClaim(CLAIM_TYPE))) {
                throw new ChorusException(ErrorCode.TOKEN_INVALID);
            }
            Date expiry = claims.getExpirationTime();
            if (expiry == null) {
                throw new ChorusException(ErrorCode.TOKEN_INVALID);
            }
            if (expiry.toInstant().plusSeconds(leewaySeconds).isBefore(clock.instant())) {
                throw new ChorusException(ErrorCode.TOKEN_EXPIRED);
            }
            Long deviceId = claims.getLongClaim(CLAIM_DEVICE);
            Integer generation = claims.getIntegerClaim(CLAIM_GENERATION);
            String did = claims.getStringClaim(CLAIM_DID);
            if (claims.getSubject() == null || deviceId == null || generation == null || did == null) {
                throw new ChorusException(ErrorCode.TOKEN_INVALID);
            }
            return new TokenSubject(claims.getSubject(), deviceId, did, generation);
        } catch (ParseException | JOSEException | ClassCastException e) {
            throw new ChorusException(ErrorCode.TOKEN_INVALID);
        }
    }
}
