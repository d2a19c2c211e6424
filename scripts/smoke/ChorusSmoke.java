import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A black-box smoke test of a running Chorus, with nothing but the JDK (run it as a source file:
 * {@code java scripts/smoke/ChorusSmoke.java --base http://127.0.0.1:20080}). Used by
 * scripts/payara.sh (Payara 6) and docker/test-compose.sh (the compose cluster behind its load balancer).
 *
 * <p>Two fresh users sign up, log in and become friends over REST; one connects on {@code /ws} (JSON
 * frames), the other on {@code /jim} (JIM packets in binary frames). A message goes each way: the
 * sender sees its ack (C2C_SERVER_ACK / the Cmd_Msg Response with a MID) and the recipient the
 * delivery; the dialect A side acknowledges with CLIENT_ACK, and the history shows both messages.
 *
 * <p>With {@code --expect-nodes N} (a cluster behind a load balancer) the test also signs in as the
 * administrator and checks, on the admin figures, that the two sockets landed on different nodes
 * (reconnecting the /jim client until they do, within a deadline), so the messages cross the broker.
 *
 * <p>Exit status 0 when every step passed, 1 with the failed step on stderr otherwise. Every wait
 * polls with a deadline; nothing sleeps for ordering.
 */
public class ChorusSmoke {
    static final Duration WAIT = Duration.ofSeconds(Long.getLong("smoke.wait.seconds", 30));
    static final String PASSWORD = "smoke-password-1";

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        URI base = URI.create(options.getOrDefault("base", "http://127.0.0.1:8080"));
        int expectNodes = Integer.parseInt(options.getOrDefault("expect-nodes", "1"));
        long started = System.nanoTime();
        try {
            new ChorusSmoke(base, expectNodes, options.getOrDefault("admin-account", "admin"),
                    options.getOrDefault("admin-password", "chorus-admin-dev")).run();
            System.out.printf("[smoke] PASS against %s in %.1f s%n", base, (System.nanoTime() - started) / 1e9);
        } catch (Throwable failure) {
            System.err.println("[smoke] FAIL against " + base + ": " + failure.getMessage());
            if (!(failure instanceof SmokeFailure)) {
                failure.printStackTrace();
            }
            System.exit(1);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: --base URL [--expect-nodes N --admin-account A --admin-password P]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    static final class SmokeFailure extends RuntimeException {
        SmokeFailure(String message) {
            super(message);
        }
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new SmokeFailure(what);
        }
    }

    static void step(String text) {
        System.out.println("[smoke] " + text);
    }

    private final Rest rest;
    private final URI base;
    private final int expectNodes;
    private final String adminAccount;
    private final String adminPassword;

    ChorusSmoke(URI base, int expectNodes, String adminAccount, String adminPassword) {
        this.base = base;
        this.rest = new Rest(base);
        this.expectNodes = expectNodes;
        this.adminAccount = adminAccount;
        this.adminPassword = adminPassword;
    }

    void run() {
        String nonce = Long.toString(System.currentTimeMillis(), 36) + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        String alice = "smoke-a-" + nonce;
        String bob = "smoke-b-" + nonce;
        String aliceUid = signup(alice);
        String bobUid = signup(bob);
        String aliceToken = login(alice, "smoke-ws");
        String bobToken = login(bob, "smoke-jim");
        step("signed up and logged in " + alice + " (" + aliceUid + ") and " + bob + " (" + bobUid + ")");

        Json.Obj request = rest.call("POST", "/api/friends/requests", "{\"to\":" + Json.quote(bobUid) + "}", aliceToken, 201);
        rest.call("POST", "/api/friends/requests/" + request.str("id") + "/accept", "{}", bobToken, 200);
        step("friends: request " + request.str("id") + " accepted");

        try (WsClient ws = WsClient.connect(base, aliceToken, "smoke-ws"); JimClient jim = JimClient.connect(base)) {
            JimClient bobJim = jim;
            long bobRaw = bobJim.authenticate(bobToken);
            step("connected: " + alice + " on /ws, " + bob + " on /jim (raw id " + bobRaw + ")");
            if (expectNodes > 1) {
                bobJim = spreadOverNodes(bobJim, bobToken);
            }

            // /ws → /jim
            String xid = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            String textA = "hello from /ws " + nonce;
            ws.send("{\"type\":\"C2C\",\"id\":\"" + xid + "\",\"to\":" + Json.quote(bobUid) + ",\"created_at\":"
                    + System.currentTimeMillis() + ",\"payload\":{\"msg_type\":\"text\",\"text\":" + Json.quote(textA) + "}}");
            Json.Obj ack = ws.await("C2C_SERVER_ACK for " + xid, f -> "C2C_SERVER_ACK".equals(f.str("type")) && xid.equals(f.str("id")));
            step("/ws send acknowledged: seq " + ack.num("seq"));
            JimClient.Packet push = bobJim.await("Cmd_Msg carrying '" + textA + "'", p -> p.cmd == JimClient.MSG && p.type == JimClient.REQUEST
                    && textA.equals(p.json().arr("bd").obj(0).str("d")));
            Json.Obj pushed = push.json();
            long aliceRaw = pushed.obj("fr").num("id");
            check(pushed.obj("to").num("id") == bobRaw, "the /jim delivery names the recipient " + bobRaw + ": " + pushed);
            step("/jim delivery received: MID " + pushed.num("id") + " from raw id " + aliceRaw);

            // /jim → /ws
            String textB = "hello from /jim " + nonce;
            long oid = 7;
            JimClient.Packet reply = bobJim.request(JimClient.MSG, "{\"to\":{\"id\":" + aliceRaw + ",\"t\":1},\"id\":" + oid + ",\"st\":"
                    + System.currentTimeMillis() + ",\"bd\":[{\"t\":1,\"d\":" + Json.quote(textB) + "}]}");
            Json.Obj answer = reply.json();
            check(reply.type == JimClient.RESPONSE && answer.num("oid") == oid && answer.num("mid") > 0,
                    "Cmd_Msg answered with a Response {oid: " + oid + ", mid > 0}, got type " + reply.type + " " + answer);
            step("/jim send acknowledged: MID " + answer.num("mid"));
            Json.Obj delivered = ws.await("C2C from " + bobUid + " carrying '" + textB + "'", f -> "C2C".equals(f.str("type"))
                    && bobUid.equals(f.str("from")) && textB.equals(f.obj("payload").str("text")));
            ws.send("CLIENT_ACK,C2C," + delivered.str("id") + ",smoke-ws");
            step("/ws delivery received and acknowledged: id " + delivered.str("id") + ", seq " + delivered.num("seq"));

            Json.Arr history = rest.call("GET", "/api/conversations/C2C/" + bobUid + "/messages", null, aliceToken, 200).arr("messages");
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                texts.add(history.obj(i).obj("payload").str("text"));
            }
            check(texts.equals(List.of(textA, textB)), "the history holds both messages in order, got " + texts);
            step("history: " + texts.size() + " messages in order");
        }
    }

    private String signup(String account) {
        return rest.call("POST", "/api/auth/signup", "{\"account\":" + Json.quote(account) + ",\"password\":\"" + PASSWORD + "\"}", null, 201)
                .str("uid");
    }

    private String login(String account, String did) {
        return rest.call("POST", "/api/auth/login", "{\"account\":" + Json.quote(account) + ",\"password\":\"" + PASSWORD
                + "\",\"did\":\"" + did + "\",\"cos\":\"smoke\"}", null, 200).str("token");
    }

    /**
     * Makes sure the two sockets are on different nodes, as the admin figures (renewed with each
     * node's lease heartbeat) show: while both are on one node, the /jim client reconnects; the load
     * balancer places each new socket.
     */
    private JimClient spreadOverNodes(JimClient jim, String bobToken) {
        String adminToken = rest.call("POST", "/api/auth/login", "{\"account\":" + Json.quote(adminAccount) + ",\"password\":"
                + Json.quote(adminPassword) + ",\"did\":\"smoke-admin\"}", null, 200).str("token");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int attempt = 1; ; attempt++) {
            Map<String, Long> placement = awaitSocketCount(adminToken, 2, deadline);
            long busiest = placement.values().stream().mapToLong(Long::longValue).max().orElse(0);
            check(placement.size() >= expectNodes, "the admin figures show " + expectNodes + " live nodes, got " + placement);
            if (busiest == 1) {
                step("the two sockets are on different nodes: " + placement);
                return jim;
            }
            check(System.nanoTime() < deadline, "the two sockets stayed on one node after " + attempt + " connections: " + placement);
            step("both sockets on one node " + placement + ": reconnecting /jim");
            jim.close();
            awaitSocketCount(adminToken, 1, deadline);
            jim = JimClient.connect(base);
            jim.authenticate(bobToken);
        }
    }

    /** Node → socket count from the admin figures, once they add up to {@code total}. */
    private Map<String, Long> awaitSocketCount(String adminToken, long total, long deadline) {
        while (true) {
            Json.Arr nodes = rest.call("GET", "/api/admin/figures", null, adminToken, 200).arr("nodes");
            Map<String, Long> placement = new LinkedHashMap<>();
            long sum = 0;
            for (int i = 0; i < nodes.size(); i++) {
                placement.put(nodes.obj(i).str("node"), nodes.obj(i).num("connections"));
                sum += nodes.obj(i).num("connections");
            }
            if (sum == total && placement.size() >= expectNodes) {
                return placement;
            }
            check(System.nanoTime() < deadline, "the admin figures never showed " + total + " sockets on " + expectNodes
                    + " nodes; last: " + placement);
            Until.pause(Duration.ofMillis(500));
        }
    }

    /** Paces polling loops (never orders events: every wait checks its own condition). */
    static final class Until {
        static void pause(Duration duration) {
            try {
                TimeUnit.NANOSECONDS.sleep(duration.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SmokeFailure("interrupted");
            }
        }
    }

    /** REST calls with JSON bodies; a status other than the expected one fails with the body. */
    static final class Rest {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final URI base;

        Rest(URI base) {
            this.base = base;
        }

        Json.Obj call(String method, String path, String body, String token, int expected) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response;
            try {
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new SmokeFailure(method + " " + path + " failed: " + e);
            }
            check(response.statusCode() == expected, method + " " + path + " answered " + response.statusCode() + " (expected "
                    + expected + "): " + response.body());
            return response.body().isBlank() ? new Json.Obj(Map.of()) : (Json.Obj) Json.parse(response.body());
        }
    }

    /** Dialect A: JSON text frames on /ws; every frame the server sends is queued in order. */
    static final class WsClient implements AutoCloseable {
        private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final CompletableFuture<String> closed = new CompletableFuture<>();
        private final WebSocket socket;

        private WsClient(URI uri, String token, String did) {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("did", did)
                    .buildAsync(uri, new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                frames.add(text.toString());
                                text.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closed.complete(statusCode + " " + reason);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket webSocket, Throwable error) {
                            closed.complete(String.valueOf(error));
                        }
                    }).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }

        static WsClient connect(URI base, String token, String did) {
            return new WsClient(URI.create(base.toString().replaceFirst("^http", "ws")).resolve("/ws"), token, did);
        }

        void send(String text) {
            socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }

        /**
         * The first JSON frame matching {@code wanted}; other frames (notices such as apply_friend_confirm
         * or presence) are skipped unacknowledged: a resent notice is skipped again.
         */
        Json.Obj await(String what, Predicate<Json.Obj> wanted) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> skipped = new ArrayList<>();
            while (true) {
                String frame;
                try {
                    frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SmokeFailure("interrupted");
                }
                if (frame == null) {
                    throw new SmokeFailure("/ws: no " + what + " within " + WAIT + (closed.isDone() ? "; closed: " + closed.join() : "")
                            + "; other frames: " + skipped);
                }
                if (!frame.startsWith("{")) {
                    skipped.add(frame);
                    continue;
                }
                Json.Obj json = (Json.Obj) Json.parse(frame);
                check(!"error".equals(json.str("type")), "/ws: error frame while waiting for " + what + ": " + frame);
                if (wanted.test(json)) {
                    return json;
                }
                skipped.add(frame);
            }
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            socket.abort();
        }
    }

    /**
     * Dialect B: JIM packets ({@code 55 55 <escaped body> 04}; body {@code KEY CMD TYPE CODE SID(2)
     * DATA}, every byte after KEY XORed with {@code KEY ^ 0xA5}; 0x55, 0x04 and 0x05 escaped with
     * 0x05 after the XOR) in binary frames, one packet per frame each way here.
     */
    static final class JimClient implements AutoCloseable {
        static final int AUTH = 0x01;
        static final int MSG = 0x10;
        static final int REQUEST = 1;
        static final int RESPONSE = 2;

        record Packet(int cmd, int type, int sid, byte[] data) {
            Json.Obj json() {
                return (Json.Obj) Json.parse(new String(data, StandardCharsets.UTF_8));
            }

            @Override
            public String toString() {
                return "Packet[cmd=0x" + Integer.toHexString(cmd) + ", type=" + type + ", sid=" + sid + ", data="
                        + new String(data, StandardCharsets.UTF_8) + "]";
            }
        }

        private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        private final WebSocket socket;

        private JimClient(URI uri) {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, new WebSocket.Listener() {
                        private final ByteArrayOutputStream message = new ByteArrayOutputStream();

                        @Override
                        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                            byte[] bytes = new byte[data.remaining()];
                            data.get(bytes);
                            message.writeBytes(bytes);
                            if (last) {
                                try {
                                    received.add(decode(message.toByteArray()));
                                } catch (RuntimeException broken) {
                                    received.add("undecodable frame: " + broken.getMessage());
                                }
                                message.reset();
                            }
                            webSocket.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            received.add("closed " + statusCode + " " + reason);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket webSocket, Throwable error) {
                            received.add("transport error " + error);
                        }
                    }).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }

        static JimClient connect(URI base) {
            return new JimClient(URI.create(base.toString().replaceFirst("^http", "ws")).resolve("/jim"));
        }

        /** Cmd_Auth with an access token; returns the user's raw id. */
        long authenticate(String token) {
            Packet answer = request(AUTH, "{\"tk\":" + Json.quote(token) + "}");
            Json.Obj data = answer.json();
            check(answer.type == RESPONSE && data.num("c") == 0, "/jim Cmd_Auth answered " + answer);
            return data.obj("usr").num("uid");
        }

        /** Sends a Request and returns the packet answering it (same command and SID). */
        Packet request(int cmd, String json) {
            int sid = ThreadLocalRandom.current().nextInt(0x10000);
            socket.sendBinary(ByteBuffer.wrap(encode(ThreadLocalRandom.current().nextInt(0x100), cmd, REQUEST, sid,
                    json.getBytes(StandardCharsets.UTF_8))), true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            return await("the answer to cmd 0x" + Integer.toHexString(cmd) + " sid " + sid, p -> p.cmd == cmd && p.sid == sid
                    && p.type != REQUEST);
        }

        /** The first packet matching {@code wanted}; others are skipped. */
        Packet await(String what, Predicate<Packet> wanted) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<Object> skipped = new ArrayList<>();
            while (true) {
                Object item;
                try {
                    item = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SmokeFailure("interrupted");
                }
                if (item == null) {
                    throw new SmokeFailure("/jim: no " + what + " within " + WAIT + "; other packets: " + skipped);
                }
                if (item instanceof String failure) {
                    throw new SmokeFailure("/jim: " + failure + " while waiting for " + what + "; before it: " + skipped);
                }
                Packet packet = (Packet) item;
                if (wanted.test(packet)) {
                    return packet;
                }
                skipped.add(packet);
            }
        }

        static byte[] encode(int key, int cmd, int type, int sid, byte[] data) {
            int k = key ^ 0xA5;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x55);
            out.write(0x55);
            escaped(out, key);
            escaped(out, cmd ^ k);
            escaped(out, type ^ k);
            escaped(out, k); // CODE 0
            escaped(out, (sid >>> 8) ^ k);
            escaped(out, (sid & 0xFF) ^ k);
            for (byte b : data) {
                escaped(out, (b & 0xFF) ^ k);
            }
            out.write(0x04);
            return out.toByteArray();
        }

        private static void escaped(ByteArrayOutputStream out, int b) {
            if (b == 0x55 || b == 0x04 || b == 0x05) {
                out.write(0x05);
            }
            out.write(b);
        }

        static Packet decode(byte[] frame) {
            check(frame.length >= 3 && (frame[0] & 0xFF) == 0x55 && (frame[1] & 0xFF) == 0x55 && (frame[frame.length - 1] & 0xFF) == 0x04,
                    "a JIM packet is 55 55 … 04");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int i = 2; i < frame.length - 1; i++) {
                int b = frame[i] & 0xFF;
                if (b == 0x05) {
                    b = frame[++i] & 0xFF;
                }
                body.write(b);
            }
            byte[] raw = body.toByteArray();
            check(raw.length >= 6, "a JIM body has a 6-byte header");
            int k = (raw[0] & 0xFF) ^ 0xA5;
            byte[] data = new byte[raw.length - 6];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ((raw[6 + i] & 0xFF) ^ k);
            }
            return new Packet((raw[1] & 0xFF) ^ k, (raw[2] & 0xFF) ^ k, ((raw[4] & 0xFF) ^ k) << 8 | ((raw[5] & 0xFF) ^ k), data);
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            socket.abort();
        }
    }

    /** Just enough JSON: objects, arrays, strings, numbers, booleans and null. */
    static final class Json {
        record Obj(Map<String, Object> map) {
            String str(String key) {
                Object value = map.get(key);
                return value == null ? null : String.valueOf(value);
            }

            long num(String key) {
                Object value = map.get(key);
                check(value instanceof Number, "'" + key + "' is a number in " + map);
                return ((Number) value).longValue();
            }

            Obj obj(String key) {
                Object value = map.get(key);
                check(value instanceof Obj, "'" + key + "' is an object in " + map);
                return (Obj) value;
            }

            Arr arr(String key) {
                Object value = map.get(key);
                check(value instanceof Arr, "'" + key + "' is an array in " + map);
                return (Arr) value;
            }

            @Override
            public String toString() {
                return map.toString();
            }
        }

        record Arr(List<Object> list) {
            int size() {
                return list.size();
            }

            Obj obj(int index) {
                check(index < list.size() && list.get(index) instanceof Obj, "item " + index + " is an object in " + list);
                return (Obj) list.get(index);
            }

            @Override
            public String toString() {
                return list.toString();
            }
        }

        static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }

        static Object parse(String text) {
            Json parser = new Json(text);
            Object value = parser.value();
            parser.space();
            check(parser.at == text.length(), "trailing characters in JSON: " + text);
            return value;
        }

        private final String s;
        private int at;

        private Json(String s) {
            this.s = s;
        }

        private void space() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        private Object value() {
            space();
            check(at < s.length(), "unexpected end of JSON: " + s);
            char c = s.charAt(at);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                at++;
                space();
                if (s.charAt(at) == '}') {
                    at++;
                    return new Obj(map);
                }
                while (true) {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    map.put(key, value());
                    space();
                    if (s.charAt(at) == ',') {
                        at++;
                    } else {
                        expect('}');
                        return new Obj(map);
                    }
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                at++;
                space();
                if (s.charAt(at) == ']') {
                    at++;
                    return new Arr(list);
                }
                while (true) {
                    list.add(value());
                    space();
                    if (s.charAt(at) == ',') {
                        at++;
                    } else {
                        expect(']');
                        return new Arr(list);
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = at;
            while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
                at++;
            }
            check(at > start, "unexpected character '" + c + "' in JSON: " + s);
            String number = s.substring(start, at);
            return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private void expect(char c) {
            check(at < s.length() && s.charAt(at) == c, "expected '" + c + "' at " + at + " in JSON: " + s);
            at++;
        }
    }
}
