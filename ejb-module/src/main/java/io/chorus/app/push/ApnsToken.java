package io.chorus.app.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * APNs token authentication: an ES256 JWT ({@code kid} the key's id, {@code iss} the team,
 * {@code iat} now) signed with the {@code .p8} key (Nimbus JOSE+JWT). Apple refuses tokens older
 * than an hour and renewals more often than every 20 minutes, so one token serves 40 minutes.
 */
public final class ApnsToken {
    static final Duration REUSE = Duration.ofMinutes(40);

    private final ECPrivateKey key;
    private final String keyId;
    private final String teamId;
    private String token;
    private Instant issuedAt = Instant.EPOCH;

    public ApnsToken(String p8Pem, String keyId, String teamId) {
        this.key = privateKey(p8Pem);
        this.keyId = keyId;
        this.teamId = teamId;
    }

    /** The current token, made anew when it is 40 minutes old or was refused. */
    public synchronized String bearer(Instant now) {
        if (token == null || !now.isBefore(issuedAt.plus(REUSE))) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(),
                    new JWTClaimsSet.Builder().issuer(teamId).issueTime(Date.from(now)).build());
            try {
                jwt.sign(new ECDSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException("Signing the APNs token failed", e);
            }
            token = jwt.serialize();
            issuedAt = now;
        }
        return token;
    }

    /** APNs said the token expired or is invalid: the next call makes a new one. */
    public synchronized void refused() {
        token = null;
    }

    /** The private key of a {@code .p8} file (PKCS#8, PEM). */
    static ECPrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("The APNs key is not a PKCS#8 EC private key (.p8)", e);
        }
    }
}
