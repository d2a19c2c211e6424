package io.chorus.app.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

/**
 * Voluntary Application Server Identification (RFC 8292): the ES256 JWT that tells a push service
 * which application server sends, signed with the installation's VAPID key (Nimbus JOSE+JWT), and
 * the {@code Authorization: vapid t=…, k=…} header that carries it.
 */
public final class Vapid {
    /** RFC 8292 §2: at most 24 hours; 12 leaves room for clock skew. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private final ECKey key;
    private final String publicKey;
    private final String subject;

    /**
     * @param publicKey  the uncompressed public point, base64url (what browsers take as {@code applicationServerKey})
     * @param privateKey the private scalar d, 32 bytes base64url
     */
    public Vapid(String publicKey, String privateKey, String subject) {
        byte[] point = new Base64URL(publicKey).decode();
        if (point.length != 65 || point[0] != 4) {
            throw new IllegalArgumentException("chorus.push.webpush.vapid-public-key is not an uncompressed P-256 point");
        }
        this.key = new ECKey.Builder(Curve.P_256, Base64URL.encode(Arrays.copyOfRange(point, 1, 33)),
                Base64URL.encode(Arrays.copyOfRange(point, 33, 65))).d(new Base64URL(privateKey)).build();
        this.publicKey = publicKey;
        this.subject = subject;
    }

    /** The header for a push to {@code endpoint}: the JWT's audience is the endpoint's origin. */
    public String authorization(String endpoint, Instant now) {
        URI uri = URI.create(endpoint);
        String audience = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        JWTClaimsSet claims = new JWTClaimsSet.Builder().audience(audience).subject(subject)
                .expirationTime(Date.from(now.plus(LIFETIME))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing the VAPID token failed", e);
        }
        return "vapid t=" + jwt.serialize() + ", k=" + publicKey;
    }
}
