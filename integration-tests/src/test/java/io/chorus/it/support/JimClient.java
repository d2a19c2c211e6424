package io.chorus.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.it.support.JimWire.JimPacket;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A black-box JIM client on {@code /jim}: packets go out in binary frames (one per packet unless a
 * test splits or merges them), and everything the server sends is queued in order. The client skips
 * nothing: a test sees every packet. Frames that break the protocol (a text frame, bytes that are not
 * JIM framing, a binary message that is not exactly one packet) are recorded as failures, and every
 * {@link #next}/{@link #poll} from then on throws an {@link AssertionError} saying so.
 */
public final class JimClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    public static final Duration WAIT = Duration.ofSeconds(20);

    public static final int AUTH = JimWire.AUTH;
    public static final int CONFLICT_NOTIFICATION = JimWire.CONFLICT_NOTIFICATION;
    public static final int SIGN_OUT = JimWire.SIGN_OUT;
    public static final int MSG = JimWire.MSG;
    public static final int GET_MSG = JimWire.GET_MSG;
    public static final int GET_RECENT_CONTACT = JimWire.GET_RECENT_CONTACT;
    public static final int GET_MSG_HISTORY = JimWire.GET_MSG_HISTORY;
    public static final int GET_MSG_BODYS = JimWire.GET_MSG_BODYS;

    public static final int REQUEST = JimWire.REQUEST;
    public static final int RESPONSE = JimWire.RESPONSE;
    public static final int ERROR = JimWire.ERROR;

    /** What the listener queues: a packet, or a protocol failure seen on the way in. */
    private sealed interface Item permits Received, Failure {
    }

    private record Received(JimPacket packet) implements Item {
    }

    private record Failure(String message) implements Item {
    }

    private final LinkedBlockingQueue<Item> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<WsClient.Closing> closed = new CompletableFuture<>();
    private final URI uri;
    private final WebSocket socket;
    private volatile String failure;

    private JimClient(URI uri, java.util.Map<String, String> headers) {
        this.uri = uri;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** {@code /jim} of the server at {@code base} (an http(s) base URI), derived as {@link WsClient} derives {@code /ws}. */
    public static URI jimUri(URI base) {
        return Server.wsUri(base, "/jim");
    }

    /** Connects to {@code /jim} of the default server under test ({@link Server#baseUri()}). */
    public static JimClient connect() {
        return connect(jimUri(Server.baseUri()));
    }

    /**
     * Connects to {@code uri}: a {@code ws://}/{@code wss://} URI is used as it is (the {@code /jim}
     * endpoint itself); an {@code http://}/{@code https://} URI is taken as a server base and
     * {@code /jim} is derived from it (a node a test started itself).
     */
    public static JimClient connect(URI uri) {
        return connect(uri, java.util.Map.of());
    }

    /** As {@link #connect(URI)}, with extra handshake headers (e.g. a browser's {@code Origin}). */
    public static JimClient connect(URI uri, java.util.Map<String, String> headers) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase();
        return new JimClient(scheme.startsWith("http") ? jimUri(uri) : uri, headers);
    }

    /** Connects to the default server and signs in with account and password on terminal type {@code tt}. */
    public static JimClient signIn(Users.TestUser user, int tt) {
        return signIn(Server.baseUri(), user, tt);
    }

    /** The same on the server at {@code base}; the auth Response must have {@code c = 0}. */
    public static JimClient signIn(URI base, Users.TestUser user, int tt) {
        JimClient client = connect(base);
        try {
            JsonObject reply = client.authenticate(authRequest(user.account(), Users.PASSWORD, tt)).json();
            assertEquals(0, reply == null ? -1 : reply.getInt("c", -1), () -> "sign-in of " + user.account() + ": " + reply);
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** Connects to the server at {@code base} and signs in with the login's access token (its device); {@code c} must be 0. */
    public static JimClient signIn(URI base, Users.Login login) {
        JimClient client = connect(base);
        try {
            JsonObject reply = client.authenticateWithToken(login.token(), 1).json();
            assertEquals(0, reply == null ? -1 : reply.getInt("c", -1), () -> "token sign-in of " + login.did() + ": " + reply);
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** {@code {u: base64(account), p: base64(password), tt, ts: "it", tv: "1"}}. */
    public static JsonObject authRequest(String account, String password, int terminalType) {
        Base64.Encoder b64 = Base64.getEncoder();
        return Json.createObjectBuilder()
                .add("u", b64.encodeToString(account.getBytes(StandardCharsets.UTF_8)))
                .add("p", b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)))
                .add("tt", terminalType).add("ts", "it").add("tv", "1").build();
    }

    /** {@code {tk: token, tt}} (Chorus accepts an access token in place of {@code u}/{@code p}). */
    public static JsonObject authTokenRequest(String token, int terminalType) {
        return Json.createObjectBuilder().add("tk", token).add("tt", terminalType).build();
    }

    /** A random SID, 0..0xFFFF. */
    public static int freshSid() {
        return ThreadLocalRandom.current().nextInt(0x10000);
    }

    /** A random KEY, 0..0xFF. */
    public static int randomKey() {
        return ThreadLocalRandom.current().nextInt(0x100);
    }

    public URI uri() {
        return uri;
    }

    /**
     * Sends {@code Cmd_Auth} as a Request with a fresh SID; returns the next packet after asserting
     * it is the Response to it (cmd, type Response, same SID). Whether it succeeded is in {@code c}.
     */
    public JimPacket authenticate(JsonObject authData) {
        JimPacket answer = request(AUTH, authData);
        assertEquals(RESPONSE, answer.type(), () -> "auth answered with " + answer);
        return answer;
    }

    public JimPacket authenticate(String account, String password, int terminalType) {
        return authenticate(authRequest(account, password, terminalType));
    }

    public JimPacket authenticateWithToken(String token, int terminalType) {
        return authenticate(authTokenRequest(token, terminalType));
    }

    /**
     * Sends a Request with a fresh SID and returns the next packet, which must answer it (same cmd and
     * SID; any type, so Error answers can be checked).
     */
    public JimPacket request(int cmd, JsonObject data) {
        return requestAs(cmd, REQUEST, data);
    }

    /** As {@link #request}, with another packet TYPE (for the tests of what the server refuses). */
    public JimPacket requestAs(int cmd, int type, JsonObject data) {
        int sid = freshSid();
        send(cmd, type, sid, data);
        JimPacket answer = next(WAIT);
        assertEquals(cmd, answer.cmd(), () -> "expected the answer to cmd 0x" + Integer.toHexString(cmd) + " sid " + sid
                + ", got " + answer);
        assertEquals(sid, answer.sid(), () -> "expected the answer to sid " + sid + ", got " + answer);
        return answer;
    }

    /** As {@link #request}, and the answer must be a Response; its data. */
    public JsonObject call(int cmd, JsonObject data) {
        JimPacket answer = request(cmd, data);
        assertEquals(RESPONSE, answer.type(), answer::toString);
        return answer.json();
    }

    /**
     * As {@link #call}, for a command whose effects the server may push to this very session as well
     * (a group change the caller made): server Requests that arrive before the Response are added to
     * {@code pushes} in order, not skipped. The Response's data.
     */
    public JsonObject callAmid(int cmd, JsonObject data, java.util.List<JimPacket> pushes) {
        int sid = freshSid();
        send(cmd, REQUEST, sid, data);
        while (true) {
            JimPacket packet = next(WAIT);
            if (packet.type() == REQUEST) {
                pushes.add(packet);
                continue;
            }
            assertEquals(cmd, packet.cmd(), packet::toString);
            assertEquals(sid, packet.sid(), packet::toString);
            assertEquals(RESPONSE, packet.type(), packet::toString);
            return packet.json();
        }
    }

    /** Reads server Requests into {@code pushes} until it holds {@code n}; fails on anything else. */
    public java.util.List<JimPacket> awaitPushes(java.util.List<JimPacket> pushes, int n) {
        while (pushes.size() < n) {
            JimPacket packet = next(WAIT);
            assertEquals(REQUEST, packet.type(), packet::toString);
            pushes.add(packet);
        }
        return pushes;
    }

    /** One packet in one binary frame, with a random KEY and CODE 0; {@code data} null means no data. */
    public void send(int cmd, int type, int sid, JsonObject data) {
        send(randomKey(), cmd, type, sid, data);
    }

    /** The same with an explicit KEY. */
    public void send(int key, int cmd, int type, int sid, JsonObject data) {
        byte[] json = data == null ? new byte[0] : data.toString().getBytes(StandardCharsets.UTF_8);
        sendRaw(JimWire.encode(key, cmd, type, 0, sid, json));
    }

    /** The bytes as one binary frame, whatever they are. */
    public synchronized void sendRaw(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes.clone()), true).join();
    }

    /**
     * The bytes as several binary frames, cut at the given offsets (non-decreasing, 0..length; equal
     * offsets make an empty frame): {@code sendSplit(b, 1, 5)} sends {@code b[0..1)},
     * {@code b[1..5)}, {@code b[5..)}.
     */
    public synchronized void sendSplit(byte[] bytes, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            if (cut < from || cut > bytes.length) {
                throw new IllegalArgumentException("bad cut " + cut + " in " + Arrays.toString(cuts) + " for " + bytes.length
                        + " bytes");
            }
            sendRaw(Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        sendRaw(Arrays.copyOfRange(bytes, from, bytes.length));
    }

    /** A text frame (the server must refuse it on {@code /jim}). */
    public synchronized void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /**
     * The next packet, which must be a server Request of {@code cmd} (a push: a message, a roster or
     * group notification); its data.
     */
    public JsonObject nextRequest(int cmd) {
        JimPacket packet = next(WAIT);
        assertEquals(REQUEST, packet.type(), () -> "expected a server Request 0x" + Integer.toHexString(cmd) + ", got " + packet);
        assertEquals(cmd, packet.cmd(), () -> "expected a server Request 0x" + Integer.toHexString(cmd) + ", got " + packet);
        return packet.json();
    }

    /** The next packet; fails the test if none arrives within the timeout (or the server broke the protocol). */
    public JimPacket next(Duration timeout) {
        JimPacket packet = poll(timeout);
        if (packet == null) {
            throw new AssertionError("no JIM packet within " + timeout + " on " + uri
                    + (closed.isDone() ? "; the connection closed: " + closed.join() : ""));
        }
        return packet;
    }

    public JimPacket next() {
        return next(WAIT);
    }

    /**
     * The next packet, or null if none arrives within the window (sooner when the connection has
     * closed and nothing is left). Throws an AssertionError once the server has broken the protocol.
     */
    public JimPacket poll(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        try {
            while (true) {
                if (failure != null) {
                    throw new AssertionError(failure);
                }
                long left = deadline - System.nanoTime();
                Item item = received.poll(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100))), TimeUnit.NANOSECONDS);
                if (item instanceof Received r) {
                    return r.packet();
                }
                if (item instanceof Failure f) {
                    failure = f.message();
                    throw new AssertionError(failure);
                }
                if (left <= 0 || (closed.isDone() && received.isEmpty())) {
                    return null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Completes when the server (or the transport) closes the connection. */
    public CompletableFuture<WsClient.Closing> closed() {
        return closed;
    }

    /** How the connection closed: the close status code and reason ({@code -1} and the error on a transport error). */
    public WsClient.Closing awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the connection to " + uri + " was still open after " + timeout);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public boolean isOpen() {
        return !socket.isOutputClosed() && !socket.isInputClosed() && !closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();
        private final StringBuilder text = new StringBuilder();
        private final JimWire.Decoder decoder = new JimWire.Decoder();
        private boolean broken;

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            message.writeBytes(bytes);
            if (last) {
                byte[] whole = message.toByteArray();
                message.reset();
                if (!broken) {
                    decode(whole);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void decode(byte[] whole) {
            try {
                var packets = decoder.feed(whole);
                packets.forEach(p -> received.add(new Received(p)));
                if (packets.size() != 1 || !decoder.atBoundary()) {
                    broken = true;
                    received.add(new Failure("the server must send exactly one JIM packet per binary frame; a frame of "
                            + whole.length + " bytes held " + packets.size() + " whole packet(s)"
                            + (decoder.atBoundary() ? "" : " and part of another") + ": " + hex(whole)));
                }
            } catch (IllegalStateException garbage) {
                broken = true;
                received.add(new Failure("the server sent bytes that are not JIM framing (" + garbage.getMessage() + "): "
                        + hex(whole)));
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(new Failure("the server sent a text frame on /jim: " + text));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new WsClient.Closing(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new WsClient.Closing(-1, String.valueOf(error)));
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 64); i++) {
            out.append(String.format("%02x ", bytes[i]));
        }
        return out.append(bytes.length > 64 ? "…" : "").toString().trim();
    }
}
