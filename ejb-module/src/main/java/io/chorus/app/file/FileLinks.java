package io.chorus.app.file;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Short-lived signed download links (docs/FILES.md), for what cannot send a bearer token (an
 * {@code <img>} or {@code <video>} element): HMAC-SHA256 over the file, the part (file or
 * thumbnail), the user it was made for and its expiry. A link proves only who asked and until when:
 * the user's membership is checked again on every use, so a former member's link stops working.
 */
@ApplicationScoped
public class FileLinks {
    private static final String ALGORITHM = "HmacSHA256";

    @Inject
    @ConfigProperty(name = "chorus.files.link-secret")
    Optional<String> linkSecret;

    @Inject
    @ConfigProperty(name = "chorus.jwt.secret")
    String jwtSecret;

    @Inject
    @ConfigProperty(name = "chorus.files.link-ttl-seconds")
    long maxTtlSeconds;

    private SecretKeySpec key;

    @PostConstruct
    void init() {
        key = keyFrom(linkSecret.filter(s -> !s.isBlank()).orElse(null), jwtSecret);
    }

    /** The link key: its own secret if set, else one derived from the token secret (never the same key). */
    static SecretKeySpec keyFrom(String own, String tokenSecret) {
        if (own != null) {
            return new SecretKeySpec(own.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        }
        return new SecretKeySpec(hmac(new SecretKeySpec(tokenSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM),
                "chorus file links"), ALGORITHM);
    }

    public long maxTtlSeconds() {
        return maxTtlSeconds;
    }

    /** The signature of a link to {@code fileId}'s {@code part} for {@code uid} until {@code expires} (epoch s). */
    public String sign(String fileId, boolean thumbnail, String uid, long expires) {
        return sign(key, fileId, thumbnail, uid, expires);
    }

    static String sign(SecretKeySpec key, String fileId, boolean thumbnail, String uid, long expires) {
        String data = fileId + "\n" + (thumbnail ? "thumbnail" : "file") + "\n" + uid + "\n" + expires;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, data));
    }

    /** Refuses a link whose signature does not match or that has expired; the same answer for both. */
    public void check(String fileId, boolean thumbnail, String uid, long expires, String signature, long nowSeconds) {
        if (fileId == null || uid == null || signature == null
                || !MessageDigest.isEqual(sign(fileId, thumbnail, uid, expires).getBytes(StandardCharsets.US_ASCII),
                        signature.getBytes(StandardCharsets.US_ASCII))
                || expires < nowSeconds) {
            throw new ChorusException(ErrorCode.FORBIDDEN, "The link is invalid or has expired.");
        }
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
        }
    }
}
