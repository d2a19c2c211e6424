package io.chorus.standin.push;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's token endpoint and FCM HTTP v1, as strict as they are, on 127.0.0.1: the token endpoint
 * takes only the JWT bearer grant with an RS256 assertion that verifies against the service
 * account's key, names the account as {@code iss}, the endpoint as {@code aud}, the
 * firebase.messaging scope, and lives at most an hour; {@code messages:send} takes only an access
 * token the endpoint issued, for the project, with a message naming a token, a notification and
 * string data. Refusals are answered as Google does and recorded in {@link #failures()}: a test
 * asserts that list is empty, or takes out the refusals it caused on purpose.
 *
 * <p>The service account a client uses names {@link #PROJECT} as {@code project_id} and
 * {@code <url>/token} as {@code token_uri}; FCM's URL is {@link #url()}.
 */
public final class FcmStandIn implements AutoCloseable {
    public static final String PROJECT = "chorus-test";
    /** The OAuth 2.0 scope FCM HTTP v1 requires, as Google documents it (not taken from the client under test). */
    public static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final HttpServer server;
    private final RSAPublicKey accountKey;
    private final String clientEmail;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Object[]>> scripted = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();

    /** Issues tokens only for assertions {@code accountKey} verifies, from {@code clientEmail}. */
    public FcmStandIn(RSAPublicKey accountKey, String clientEmail) throws IOException {
        this.accountKey = accountKey;
        this.clientEmail = clientEmail;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/", this::send);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}: FCM's URL; the token endpoint is its {@code /token}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next message to {@code deviceToken} is answered {@code status} with {@code body}, unchecked. */
    public void answerFirst(String deviceToken, int status, String body) {
        scripted.computeIfAbsent(deviceToken, t -> new ConcurrentLinkedDeque<>()).add(new Object[] {status, body});
    }

    /** Forgets every access token it issued, as Google does when one is revoked. */
    public void revokeTokens() {
        issued.clear();
    }

    /** Every message it accepted (the v1 request's {@code message}), in order; a live list. */
    public List<JsonObject> received() {
        return received;
    }

    /** Every request it refused as malformed or unauthorised, with why; a live list a test may clear. */
    public List<String> failures() {
        return failures;
    }

    /** How many access tokens the token endpoint issued. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = new HashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            String refusal = checkAssertion(form);
            if (refusal != null) {
                failures.add(refusal);
                reply(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + refusal.replace('"', '\'') + "\"}");
                return;
            }
            String token = "ya29." + UUID.randomUUID();
            issued.add(token);
            tokensIssued.incrementAndGet();
            reply(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
        }
    }

    private String checkAssertion(Map<String, String> form) {
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return "token: grant_type " + form.get("grant_type");
        }
        try {
            SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
            if (!JWSAlgorithm.RS256.equals(assertion.getHeader().getAlgorithm()) || !assertion.verify(new RSASSAVerifier(accountKey))) {
                return "token: assertion not RS256 or bad signature";
            }
            JWTClaimsSet claims = assertion.getJWTClaimsSet();
            Instant now = Instant.now();
            if (!clientEmail.equals(claims.getIssuer()) || !claims.getAudience().contains(url() + "/token")
                    || !String.valueOf(claims.getClaim("scope")).contains(SCOPE)) {
                return "token: iss, aud or scope";
            }
            Instant iat = claims.getIssueTime().toInstant();
            Instant exp = claims.getExpirationTime().toInstant();
            if (iat.isAfter(now.plusSeconds(60)) || !exp.isAfter(now) || exp.isAfter(iat.plusSeconds(3600))) {
                return "token: assertion expired, from the future or longer than an hour";
            }
            return null;
        } catch (Exception unreadable) {
            return "token: unreadable assertion " + unreadable;
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ") || !issued.contains(authorization.substring(7))) {
                reply(exchange, 401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}");
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/v1/projects/" + PROJECT + "/messages:send")
                    || !"POST".equals(exchange.getRequestMethod())) {
                failures.add("send: " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
                reply(exchange, 404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}");
                return;
            }
            JsonObject message;
            try {
                try (JsonReader reader = Json.createReader(new StringReader(body))) {
                    message = reader.readObject().getJsonObject("message");
                }
                String token = message.getString("token");
                Deque<Object[]> script = scripted.get(token);
                Object[] answer = script == null ? null : script.pollFirst();
                if (answer != null) {
                    reply(exchange, (Integer) answer[0], (String) answer[1]);
                    return;
                }
                message.getJsonObject("notification").getString("title");
                message.getJsonObject("notification").getString("body");
                for (JsonValue value : message.getJsonObject("data").values()) {
                    if (value.getValueType() != JsonValue.ValueType.STRING) {
                        throw new IllegalArgumentException("data values must be strings");
                    }
                }
            } catch (RuntimeException malformed) {
                failures.add("send: malformed message " + malformed);
                reply(exchange, 400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\"}}");
                return;
            }
            received.add(message);
            reply(exchange, 200, "{\"name\":\"projects/" + PROJECT + "/messages/" + UUID.randomUUID() + "\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
