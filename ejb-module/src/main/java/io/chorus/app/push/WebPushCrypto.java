package io.chorus.app.push;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message Encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188),
 * with the JDK's own primitives: ECDH on P-256 ({@code KeyAgreement}), HKDF-SHA-256 (RFC 5869: two
 * HMACs, {@code Mac}) and AES-128-GCM ({@code Cipher}). One record: a push payload is small.
 */
public final class WebPushCrypto {
    /** The record size announced in the header; our one record is always smaller. */
    static final int RECORD_SIZE = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebPushCrypto() {
    }

    /** Encrypts {@code plaintext} for a subscription's {@code p256dh} and {@code auth} (base64url, as browsers give them). */
    public static byte[] encrypt(byte[] plaintext, String p256dh, String auth) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            return encrypt(plaintext, publicKey(p256dh), new Base64URL(auth).decode(), generator.generateKeyPair(), salt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK lacks P-256, HMAC-SHA-256 or AES-GCM", e);
        }
    }

    /** As above with the server's ephemeral key pair and the salt given (RFC 8291's example fixes both). */
    static byte[] encrypt(byte[] plaintext, ECPublicKey uaPublic, byte[] authSecret, KeyPair serverKeys, byte[] salt)
            throws GeneralSecurityException {
        byte[] uaPublicBytes = uncompressed(uaPublic);
        byte[] asPublicBytes = uncompressed((ECPublicKey) serverKeys.getPublic());
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init((ECPrivateKey) serverKeys.getPrivate());
        agreement.doPhase(uaPublic, true);
        byte[] ecdhSecret = agreement.generateSecret();

        // RFC 8291 §3.4: IKM from the ECDH secret, keyed by the subscription's auth secret.
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublicBytes, asPublicBytes);
        byte[] ikm = expand(extract(authSecret, ecdhSecret), keyInfo, 32);
        // RFC 8188 §2.2 and §2.3: content key and nonce from the salt.
        byte[] prk = extract(salt, ikm);
        byte[] cek = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        // The last (and only) record ends with the delimiter 0x02 and no padding.
        byte[] ciphertext = cipher.doFinal(concat(plaintext, new byte[] {2}));

        ByteBuffer body = ByteBuffer.allocate(16 + 4 + 1 + asPublicBytes.length + ciphertext.length);
        body.put(salt).putInt(RECORD_SIZE).put((byte) asPublicBytes.length).put(asPublicBytes).put(ciphertext);
        return body.array();
    }

    /** A P-256 public key from its uncompressed point (65 bytes, base64url); refuses anything not on the curve. */
    public static ECPublicKey publicKey(String uncompressedBase64Url) {
        byte[] point = new Base64URL(uncompressedBase64Url).decode();
        if (point.length != 65 || point[0] != 4) {
            throw new IllegalArgumentException("not an uncompressed P-256 point");
        }
        try {
            return new ECKey.Builder(Curve.P_256, Base64URL.encode(Arrays.copyOfRange(point, 1, 33)),
                    Base64URL.encode(Arrays.copyOfRange(point, 33, 65))).build().toECPublicKey();
        } catch (IllegalArgumentException | IllegalStateException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalArgumentException("not a point of P-256", e);
        }
    }

    /** The uncompressed point 0x04 ‖ X ‖ Y, each coordinate 32 bytes. */
    static byte[] uncompressed(ECPublicKey key) {
        ECKey jwk = new ECKey.Builder(Curve.P_256, key).build();
        return concat(new byte[] {4}, jwk.getX().decode(), jwk.getY().decode());
    }

    static byte[] extract(byte[] salt, byte[] ikm) throws GeneralSecurityException {
        return hmac(salt, ikm);
    }

    /** HKDF-Expand for at most one block (32 bytes), which is all RFC 8291 asks for. */
    static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
