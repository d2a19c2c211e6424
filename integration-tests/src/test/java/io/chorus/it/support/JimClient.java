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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A black-box JIM client on {@code /jim}: packets in binary frames, queued as they arrive. */
public final class JimClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    public static final Duration WAIT = Duration.ofSeconds(20);

    private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<WsClient.Closing> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private JimClient(URI uri) {
        socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new Listener()).join();
    }

    public static JimClient connect() {
        return connect(Server.baseUri());
    }

    /** Connects to {@code /jim} of the server at {@code base}. */
    public static JimClient connect(URI base) {
        return new JimClient(Server.wsUri(base, "/jim"));
    }

    /** Signs in with account and password on terminal type {@code tt}; returns the user's raw uid. */
    public static JimClient signIn(Users.TestUser user, int tt) {
        return signIn(Server.baseUri(), user, tt);
    }

    public static JimClient signIn(URI base, Users.TestUser user, int tt) {
        JimClient client = connect(base);
        JsonObject reply = client.authenticate(authRequest(user.account(), Users.PASSWORD, tt)).json();
        assertEquals(0, reply.getInt("c"), reply::toString);
        return client;
    }

    public static JsonObject authRequest(String account, String password, int tt) {
        Base64.Encoder b64 = Base64.getEncoder();
        return Json.createObjectBuilder().add("u", b64.encodeToString(account.getBytes(StandardCharsets.UTF_8)))
                .add("p", b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)))
                .add("tt", tt).add("ts", "it").add("tv", "1").build();
    }

    /** Sends {@code Cmd_Auth} and returns its Response. */
    public JimPacket authenticate(JsonObject data) {
        return request(JimWire.AUTH, data);
    }

    /** Sends a Request with a fresh SID and returns the next packet, which must answer it. */
    public JimPacket request(int cmd, JsonObject data) {
        return requestAs(cmd, JimWire.REQUEST, data);
    }

    /** As {@link #request}, with another packet TYPE (for the tests of what the server refuses). */
    public JimPacket requestAs(int cmd, int type, JsonObject data) {
        int sid = ThreadLocalRandom.current().nextInt(0x10000);
        send(cmd, type, sid, data);
        JimPacket answer = next(WAIT);
        assertEquals(cmd, answer.cmd(), answer::toString);
        assertEquals(sid, answer.sid(), answer::toString);
        return answer;
    }

    /** As {@link #request}, and the answer must be a Response; its data. */
    public JsonObject call(int cmd, JsonObject data) {
        JimPacket answer = request(cmd, data);
        assertEquals(JimWire.RESPONSE, answer.type(), answer::toString);
        return answer.json();
    }

    public void send(int cmd, int type, int sid, JsonObject data) {
        byte[] json = data == null ? new byte[0] : data.toString().getBytes(StandardCharsets.UTF_8);
        sendRaw(JimWire.encode(ThreadLocalRandom.current().nextInt(0x100), cmd, type, 0, sid, json));
    }

    /** The bytes as one binary frame. */
    public void sendRaw(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The bytes as several binary frames, cut at the given offsets. */
    public void sendSplit(byte[] bytes, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            sendRaw(Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        sendRaw(Arrays.copyOfRange(bytes, from, bytes.length));
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** The next packet, or an AssertionError after the timeout. */
    public JimPacket next(Duration timeout) {
        JimPacket packet = poll(timeout);
        if (packet == null) {
            throw new AssertionError("no packet within " + timeout + (closed.isDone() ? "; closed " + closed.join() : ""));
        }
        return packet;
    }

    public JimPacket next() {
        return next(WAIT);
    }

    /** The next packet, or null if none arrives within the window. */
    public JimPacket poll(Duration window) {
        try {
            Object item = received.poll(window.toMillis(), TimeUnit.MILLISECONDS);
            if (item instanceof AssertionError error) {
                throw error;
            }
            return (JimPacket) item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public WsClient.Closing awaitClose(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isOpen() {
        return !socket.isOutputClosed() && !closed.isDone();
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
        private final JimWire.Decoder decoder = new JimWire.Decoder();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            message.writeBytes(bytes);
            if (last) {
                byte[] whole = message.toByteArray();
                message.reset();
                try {
                    received.addAll(decoder.feed(whole));
                } catch (IllegalStateException garbage) {
                    received.add(new AssertionError("the server sent bytes that are not JIM framing: " + garbage.getMessage()));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            received.add(new AssertionError("the server sent a text frame on /jim: " + data));
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
}
