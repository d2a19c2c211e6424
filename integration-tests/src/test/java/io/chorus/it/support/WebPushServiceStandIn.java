package io.chorus.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Web Push service (RFC 8030) as strict as a real one, in the test JVM: each subscription is a
 * browser's key pair and auth secret; a push to its endpoint must carry a VAPID token (RFC 8292)
 * signed by the expected application server key, for this origin, not expired and not valid for
 * more than 24 hours, and a body in the aes128gcm coding that this service DECRYPTS with the
 * subscription's private key (RFC 8291). Anything wrong is answered 400/401/403 and recorded as a
 * failure, which the test asserts is empty. A subscription can be told to answer some statuses
 * first (500, 429, 410...) to play an outage or a dead subscription, or one status until the test
 * says it recovered (an outage of unknown length).
 */
public final class WebPushServiceStandIn implements AutoCloseable {
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Base64.Encoder B64_OUT = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final String vapidPublicKey;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    public WebPushServiceStandIn(String vapidPublicKey) {
        this.vapidPublicKey = vapidPublicKey;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/push/", this::handle);
        server.start();
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new browser subscription: its endpoint here, its keys as {@code PushSubscription.toJSON()} gives them. */
    public Subscription subscribe() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] auth = new byte[16];
            RANDOM.nextBytes(auth);
            Subscription subscription = new Subscription(origin() + "/push/" + UUID.randomUUID(), generator.generateKeyPair(), auth);
            subscriptions.put(subscription.endpoint, subscription);
            return subscription;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What went wrong with any push so far: a test that expects pushes asserts this is empty. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Subscription subscription = subscriptions.get(origin() + exchange.getRequestURI().getPath());
            if (subscription == null || !"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            subscription.attempts.incrementAndGet();
            Integer scripted = subscription.answers.pollFirst();
            if (scripted == null) {
                scripted = subscription.outage;
            }
            if (scripted != null) {
                exchange.sendResponseHeaders(scripted, -1);
                return;
            }
            String refusal = check(exchange, subscription, body);
            if (refusal != null) {
                failures.add(refusal);
                exchange.sendResponseHeaders(refusal.startsWith("vapid") ? 403 : 400, -1);
                return;
            }
            exchange.sendResponseHeaders(201, -1);
        } catch (RuntimeException e) {
            failures.add("stand-in failed: " + e);
            throw e;
        }
    }

    private String check(HttpExchange exchange, Subscription subscription, byte[] body) {
        var headers = exchange.getRequestHeaders();
        if (!"aes128gcm".equals(headers.getFirst("Content-Encoding"))) {
            return "body: Content-Encoding is " + headers.getFirst("Content-Encoding");
        }
        if (headers.getFirst("TTL") == null || !headers.getFirst("TTL").matches("[0-9]+")) {
            return "header: TTL missing or not a number";
        }
        String vapid = checkVapid(headers.getFirst("Authorization"));
        if (vapid != null) {
            return vapid;
        }
        try {
            subscription.received.add(Json.createReader(new StringReader(new String(decrypt(subscription, body), StandardCharsets.UTF_8)))
                    .readObject());
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return "body: does not decrypt with the subscription's key: " + e;
        }
    }

    private String checkVapid(String authorization) {
        if (authorization == null || !authorization.startsWith("vapid ")) {
            return "vapid: no 'Authorization: vapid' header";
        }
        String token = null;
        String key = null;
        for (String part : authorization.substring(6).split(",")) {
            String p = part.trim();
            if (p.startsWith("t=")) {
                token = p.substring(2);
            } else if (p.startsWith("k=")) {
                key = p.substring(2);
            }
        }
        if (token == null || !vapidPublicKey.equals(key)) {
            return "vapid: k is not the application server key";
        }
        String[] jws = token.split("\\.");
        if (jws.length != 3) {
            return "vapid: t is not a JWS";
        }
        try {
            JsonObject header = Json.createReader(new StringReader(new String(B64.decode(jws[0]), StandardCharsets.UTF_8))).readObject();
            JsonObject claims = Json.createReader(new StringReader(new String(B64.decode(jws[1]), StandardCharsets.UTF_8))).readObject();
            if (!"ES256".equals(header.getString("alg", null))) {
                return "vapid: alg is not ES256";
            }
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey(B64.decode(key)));
            verifier.update((jws[0] + "." + jws[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64.decode(jws[2]))) {
                return "vapid: bad signature";
            }
            if (!origin().equals(claims.getString("aud", null))) {
                return "vapid: aud " + claims.getString("aud", null) + " is not " + origin();
            }
            long now = System.currentTimeMillis() / 1000;
            long exp = claims.getJsonNumber("exp").longValue();
            if (exp <= now || exp > now + 24 * 3600) {
                return "vapid: exp " + exp + " is past or more than 24 h ahead";
            }
            String sub = claims.getString("sub", "");
            if (!sub.startsWith("mailto:") && !sub.startsWith("https:")) {
                return "vapid: sub is not a mailto: or https: contact";
            }
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return "vapid: unreadable token: " + e;
        }
    }

    /** RFC 8291 §3.4 and RFC 8188 §2, on the receiving side. */
    private static byte[] decrypt(Subscription subscription, byte[] body) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        int keyLength = in.get() & 0xff;
        if (keyLength != 65 || recordSize < 18 || body.length - 21 - keyLength > recordSize) {
            throw new GeneralSecurityException("bad aes128gcm header");
        }
        byte[] asPublic = new byte[keyLength];
        in.get(asPublic);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);

        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(subscription.keys.getPrivate());
        agreement.doPhase(publicKey(asPublic), true);
        byte[] ecdh = agreement.generateSecret();
        byte[] uaPublic = subscription.publicKeyBytes();
        byte[] ikm = hkdf(subscription.auth, ecdh, concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic), 32);
        byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new GeneralSecurityException("the last record does not end with the delimiter 0x02");
        }
        return Arrays.copyOf(padded, end);
    }

    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = extract.doFinal(ikm);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update(info);
        expand.update((byte) 1);
        return Arrays.copyOf(expand.doFinal(), length);
    }

    private static ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
        if (uncompressed.length != 65 || uncompressed[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A browser's subscription: the endpoint, its keys, what it received (decrypted) and how often it was asked. */
    public static final class Subscription {
        private final String endpoint;
        private final KeyPair keys;
        private final byte[] auth;
        private final List<JsonObject> received = new CopyOnWriteArrayList<>();
        private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
        private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        /** While set, every push (after the scripted answers) gets this status: an outage of unknown length. */
        private volatile Integer outage;

        private Subscription(String endpoint, KeyPair keys, byte[] auth) {
            this.endpoint = endpoint;
            this.keys = keys;
            this.auth = auth;
        }

        public String endpoint() {
            return endpoint;
        }

        /** The registration body for {@code PUT /api/me/devices/{did}/push}. */
        public JsonObject registration() {
            return Json.createObjectBuilder().add("provider", "webpush").add("endpoint", endpoint)
                    .add("keys", Json.createObjectBuilder().add("p256dh", B64_OUT.encodeToString(publicKeyBytes()))
                            .add("auth", B64_OUT.encodeToString(auth)))
                    .build();
        }

        /** The pushes that decrypted and passed every check, oldest first. */
        public List<JsonObject> received() {
            return new ArrayList<>(received);
        }

        public int attempts() {
            return attempts.get();
        }

        /** The next pushes get these statuses (without being checked), in order; then 201 again. */
        public void answerFirst(Integer... statuses) {
            answers.addAll(List.of(statuses));
        }

        /** Every push from now on gets {@code status} (unchecked), until {@link #recover()}. */
        public void answerUntilRecovered(int status) {
            outage = status;
        }

        /** The outage is over: pushes are checked and accepted (201) again. */
        public void recover() {
            outage = null;
        }

        byte[] publicKeyBytes() {
            ECPoint w = ((ECPublicKey) keys.getPublic()).getW();
            return concat(new byte[] {4}, fixed(w.getAffineX()), fixed(w.getAffineY()));
        }

        private static byte[] fixed(BigInteger coordinate) {
            byte[] raw = coordinate.toByteArray();
            byte[] out = new byte[32];
            int copy = Math.min(32, raw.length);
            System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
            return out;
        }
    }
}
