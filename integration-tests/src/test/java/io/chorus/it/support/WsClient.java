package io.chorus.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A black-box WebSocket client that queues what the server sends and records how it closed. */
public final class WsClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * One-shot notices about other devices and friends. Tests about messages would see them at
     * unpredictable points (a friend connecting, a second device of the user), so by default they
     * are skipped; tests about presence and devices ask for {@link #allFrames()}.
     */
    private static final Set<String> COURTESY_NOTICES = Set.of("online", "offline", "hide", "logged_another_device");
    /**
     * One-shot frames about the conversations (read state, receipts, typing): a sender's devices get
     * {@code C2C_DELIVERED} whenever a peer acknowledges, so tests about other things skip them;
     * tests about them ask for {@link #withReceipts()} ({@link #allFrames()} does not: the tests
     * that use it ack messages while reading frame by frame).
     */
    private static final Set<String> RECEIPTS = Set.of("C2C_READ", "C2G_READ", "C2C_DELIVERED", "C2C_TYPING", "C2G_TYPING");

    private final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private volatile boolean skipCourtesyNotices = true;
    private volatile boolean skipReceipts = true;
    private final CompletableFuture<Closing> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri, Map<String, String> headers, List<String> subprotocols) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static WsClient connect(URI uri, Map<String, String> headers) {
        return new WsClient(uri, headers, List.of());
    }

    public static WsClient connect(URI uri, Map<String, String> headers, List<String> subprotocols) {
        return new WsClient(uri, headers, subprotocols);
    }

    /** Connects to /ws with the token in the Authorization header and the did header. */
    public static WsClient connect(Users.Login login) {
        return connect(Server.baseUri(), login);
    }

    /** The same, on the server at {@code base} (a node a test started itself). */
    public static WsClient connect(URI base, Users.Login login) {
        return connect(Server.wsUri(base, "/ws"), Map.of("Authorization", "Bearer " + login.token(), "did", login.did()));
    }

    /** From now on, presence and {@code logged_another_device} notices are returned like any frame (receipts: {@link #withReceipts}). */
    public WsClient allFrames() {
        skipCourtesyNotices = false;
        return this;
    }

    /** From now on, read, delivered and typing frames are returned like any frame. */
    public WsClient withReceipts() {
        skipReceipts = false;
        return this;
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next text frame, or an AssertionError after the timeout. */
    public String nextText(Duration timeout) {
        String text = pollText(timeout);
        if (text == null) {
            throw new AssertionError("no frame within " + timeout + (closed.isDone() ? "; closed " + closed.join() : ""));
        }
        return text;
    }

    public String nextText() {
        return nextText(Duration.ofSeconds(10));
    }

    public JsonObject nextJson() {
        return nextJson(Duration.ofSeconds(10));
    }

    public JsonObject nextJson(Duration timeout) {
        try (var reader = Json.createReader(new StringReader(nextText(timeout)))) {
            return reader.readObject();
        }
    }

    /**
     * The next frame of {@code type} (case-insensitive), skipping up to 20 others (presence or stored
     * notices may come first); each awaited up to {@code timeout}.
     */
    public JsonObject nextJsonOfType(String type, Duration timeout) {
        for (int i = 0; i < 20; i++) {
            JsonObject frame = nextJson(timeout);
            if (frame.getString("type").equalsIgnoreCase(type)) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " frame");
    }

    /** Nothing arrives within the window (for "no resend", "no leak" assertions). */
    public String pollText(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        try {
            while (true) {
                String text = texts.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (text == null || !(skipCourtesyNotices && isCourtesyNotice(text) || skipReceipts && isReceipt(text))) {
                    return text;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean isReceipt(String text) {
        if (!text.startsWith("{\"type\":\"C2")) {
            return false;
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            return RECEIPTS.contains(reader.readObject().getString("type", ""));
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    private static boolean isCourtesyNotice(String text) {
        if (!text.startsWith("{") || !text.contains("\"S2C\"")) {
            return false;
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonObject frame = reader.readObject();
            JsonObject payload = frame.getJsonObject("payload");
            return "S2C".equals(frame.getString("type", null)) && payload != null
                    && COURTESY_NOTICES.contains(payload.getString("msg_type", ""));
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    public CompletableFuture<Closing> closed() {
        return closed;
    }

    public Closing awaitClose(Duration timeout) {
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

    /** How the server closed the connection. */
    public record Closing(int code, String reason) {
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closing(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closing(-1, String.valueOf(error)));
        }
    }
}
