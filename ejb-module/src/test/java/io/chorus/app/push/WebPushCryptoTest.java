package io.chorus.app.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 8291 Appendix A's example, byte for byte, and the refusals of keys that are not P-256 points. */
class WebPushCryptoTest {
    private static final String PLAINTEXT = "V2hlbiBJIGdyb3cgdXAsIEkgd2FudCB0byBiZSBhIHdhdGVybWVsb24";
    private static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    @Test
    void encrypt_rfc8291Example_matchesTheRfcBody() throws Exception {
        byte[] point = new Base64URL(AS_PUBLIC).decode();
        ECKey server = new ECKey.Builder(Curve.P_256, Base64URL.encode(Arrays.copyOfRange(point, 1, 33)),
                Base64URL.encode(Arrays.copyOfRange(point, 33, 65))).d(new Base64URL(AS_PRIVATE)).build();
        KeyPair serverKeys = new KeyPair(server.toECPublicKey(), server.toECPrivateKey());

        byte[] body = WebPushCrypto.encrypt(new Base64URL(PLAINTEXT).decode(), WebPushCrypto.publicKey(UA_PUBLIC),
                new Base64URL(AUTH).decode(), serverKeys, new Base64URL(SALT).decode());

        assertEquals(BODY, Base64URL.encode(body).toString());
    }

    @Test
    void encrypt_randomKeys_headerCarriesSaltRecordSizeAndKey() {
        byte[] body = WebPushCrypto.encrypt("hello".getBytes(StandardCharsets.UTF_8), UA_PUBLIC, AUTH);

        assertEquals(4096, java.nio.ByteBuffer.wrap(body, 16, 4).getInt());
        assertEquals(65, body[20]);
        assertEquals(4, body[21]);
        // salt 16, rs 4, idlen 1, key 65, then the text, its delimiter and the 16-byte tag
        assertEquals(16 + 4 + 1 + 65 + 5 + 1 + 16, body.length);
    }

    @Test
    void publicKey_notOnTheCurve_isRefused() {
        byte[] point = new Base64URL(UA_PUBLIC).decode();
        point[64] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> WebPushCrypto.publicKey(Base64URL.encode(point).toString()));
    }

    @Test
    void publicKey_compressedOrShort_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebPushCrypto.publicKey(Base64URL.encode(new byte[33]).toString()));
        assertThrows(IllegalArgumentException.class, () -> WebPushCrypto.publicKey(AUTH));
    }

    @Test
    void uncompressed_roundTrips() {
        assertArrayEquals(new Base64URL(UA_PUBLIC).decode(), WebPushCrypto.uncompressed(WebPushCrypto.publicKey(UA_PUBLIC)));
    }
}
