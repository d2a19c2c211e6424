package io.chorus.app.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.BadJWTExceptions;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.text.ParseException;
import java.util.Date;
import java.util.Set;

/**
 * Checks the IdP's tokens by the book with Nimbus: the issuer, the audience, the signature against
 * the IdP's published keys (JWKS, cached and fetched again when a token names an unknown {@code kid}),
 * the expiry (with {@code chorus.sso.clock-skew-seconds}), and for ID tokens of the console's
 * sign-in also the nonce. Only asymmetric signatures are accepted: {@code alg: none} and HMAC never.
 */
final class IdpTokens {
    /** Every asymmetric JWS algorithm; an IdP uses one of them (Keycloak: RS256). */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.copyOf(JWSAlgorithm.Family.SIGNATURE);

    private final String issuer;
    private final String audience;
    private final int clockSkewSeconds;
    private final JWKSource<SecurityContext> keys;

    IdpTokens(String issuer, String audience, int clockSkewSeconds, JWKSource<SecurityContext> keys) {
        this.issuer = issuer;
        this.audience = audience;
        this.clockSkewSeconds = clockSkewSeconds;
        this.keys = keys;
    }

    /** An access (or ID) token an app got from the IdP for Chorus: its audience must name Chorus. */
    JWTClaimsSet verifyAppToken(String token) {
        SignedJWT jwt = signedFromOurIssuer(token);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp"), null) {
            @Override
            public void verify(JWTClaimsSet set, SecurityContext context) throws BadJWTException {
                Date expiry = set.getExpirationTime();
                if (expiry != null && expiry.getTime() + clockSkewSeconds * 1000L < System.currentTimeMillis()) {
                    throw BadJWTExceptions.EXPIRED_EXCEPTION;
                }
                super.verify(set, context);
            }
        };
        claims.setMaxClockSkew(clockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
        try {
            return processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw refusal(e);
        }
    }

    /** The ID token of the console's sign-in, for Chorus' own client id, with the nonce Chorus sent. */
    IDTokenClaimsSet verifyIdToken(String token, String clientId, String nonce) {
        SignedJWT jwt = signedFromOurIssuer(token);
        IDTokenValidator validator = new IDTokenValidator(new Issuer(issuer), new ClientID(clientId),
                new JWSVerificationKeySelector<>(ALGORITHMS, keys), null);
        validator.setMaxClockSkew(clockSkewSeconds);
        try {
            return validator.validate(jwt, new Nonce(nonce));
        } catch (BadJOSEException | JOSEException e) {
            throw refusal(e);
        }
    }

    /**
     * An OpenID Connect back-channel logout token: issuer, audience Chorus, signature, the logout
     * event, and {@code sub} or {@code sid} (Chorus acts on {@code sub}).
     */
    LogoutTokenClaimsSet verifyLogoutToken(String token, String clientId) {
        SignedJWT jwt = signedFromOurIssuer(token);
        LogoutTokenValidator validator = new LogoutTokenValidator(new Issuer(issuer), new ClientID(clientId), false,
                new JWSVerificationKeySelector<>(ALGORITHMS, keys), null);
        validator.setMaxClockSkew(clockSkewSeconds);
        try {
            return validator.validate(jwt);
        } catch (BadJOSEException | JOSEException e) {
            throw refusal(e);
        }
    }

    /**
     * Parses and looks at the issuer before any key is fetched: a token of another issuer is told
     * apart clearly, and cannot make Chorus fetch the JWKS again and again. Everything is checked
     * again, signature first, by the processor.
     */
    private SignedJWT signedFromOurIssuer(String token) {
        if (token == null || token.isBlank() || token.length() > 16384) {
            throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "a token from the identity provider is required");
        }
        JWT jwt;
        String tokenIssuer;
        try {
            jwt = JWTParser.parse(token.strip());
            tokenIssuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "the token is not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "the token is not signed (alg none or encrypted)");
        }
        if (!issuer.equals(tokenIssuer)) {
            throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "the token comes from another issuer");
        }
        return signed;
    }

    private static ChorusException refusal(Exception e) {
        if (e == BadJWTExceptions.EXPIRED_EXCEPTION || "Expired JWT".equals(e.getMessage())) {
            return new ChorusException(ErrorCode.IDP_TOKEN_EXPIRED);
        }
        return new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "the token was refused: " + e.getMessage());
    }
}
