package io.chorus.app.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * FCM's OAuth 2.0 access token from a Google service account: an RS256 JWT assertion ({@code iss}
 * the account's e-mail, {@code scope} firebase.messaging, {@code aud} the token endpoint, one hour)
 * traded at the token endpoint with the JWT bearer grant (RFC 7523), through the Nimbus OAuth 2.0
 * SDK. The token is kept until a minute before it expires, or until FCM refuses it.
 */
public final class FcmCredentials {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final int TIMEOUT_MS = 10_000;

    private final String clientEmail;
    private final RSAPrivateKey key;
    private final String keyId;
    private final URI tokenUri;
    private final String projectId;
    private String accessToken;
    private Instant expiresAt = Instant.EPOCH;

    /** A service account's key file, as Google's console gives it ({@code type: service_account}). */
    public FcmCredentials(String serviceAccountJson, Optional<String> tokenUriOverride) {
        JsonObject account = Jsonp.readObject(serviceAccountJson);
        this.clientEmail = account.getString("client_email");
        this.key = privateKey(account.getString("private_key"));
        this.keyId = account.getString("private_key_id", null);
        this.tokenUri = URI.create(tokenUriOverride.orElse(account.getString("token_uri", "https://oauth2.googleapis.com/token")));
        this.projectId = account.getString("project_id", "");
    }

    public String projectId() {
        return projectId;
    }

    /** A valid access token, asked for anew when the last is about to expire; empty if the token endpoint refused or was away. */
    public synchronized Optional<String> accessToken(Instant now) {
        if (accessToken == null || !now.isBefore(expiresAt.minusSeconds(60))) {
            try {
                TokenResponse response = TokenResponse.parse(request(now).send());
                if (!response.indicatesSuccess()) {
                    return Optional.empty();
                }
                AccessTokenResponse success = response.toSuccessResponse();
                accessToken = success.getTokens().getAccessToken().getValue();
                long lifetime = success.getTokens().getAccessToken().getLifetime();
                expiresAt = now.plus(Duration.ofSeconds(lifetime > 0 ? lifetime : 3600));
            } catch (IOException | ParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(accessToken);
    }

    /** FCM answered 401: the next push asks for a new token. */
    public synchronized void refused() {
        accessToken = null;
    }

    private HTTPRequest request(Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientEmail).audience(tokenUri.toString())
                .claim("scope", SCOPE).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600))).build();
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
        try {
            assertion.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing the FCM assertion failed", e);
        }
        HTTPRequest http = new TokenRequest.Builder(tokenUri, new JWTBearerGrant(assertion)).build().toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MS);
        http.setReadTimeout(TIMEOUT_MS);
        return http;
    }

    static RSAPrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("The service account's private_key is not a PKCS#8 RSA key", e);
        }
    }
}
