package io.chorus.web.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link Session} that records what is written to it. Writes complete either at once, on the sending
 * thread (as a container may do when the socket buffer has room), or when the test says so.
 */
public final class FakeSession {
    public final List<String> written = new ArrayList<>();
    final List<CloseReason> closes = new ArrayList<>();
    private final Deque<SendHandler> pending = new ArrayDeque<>();
    private final boolean completeInline;
    private final String id;
    private int inFlight;
    private int maxInFlight;
    private boolean open = true;

    private FakeSession(String id, boolean completeInline) {
        this.id = id;
        this.completeInline = completeInline;
    }

    public static FakeSession completingInline(String id) {
        return new FakeSession(id, true);
    }

    public static FakeSession completingOnDemand(String id) {
        return new FakeSession(id, false);
    }

    /** Completes the oldest write in flight. */
    public synchronized void completeNext() {
        SendHandler handler = pending.poll();
        inFlight--;
        handler.onResult(new SendResult());
    }

    /** Fails the oldest write in flight. */
    synchronized void failNext() {
        SendHandler handler = pending.poll();
        inFlight--;
        handler.onResult(new SendResult(new java.io.IOException("broken pipe")));
    }

    synchronized int maxInFlight() {
        return maxInFlight;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    public Session session() {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        sendText((String) args[0], (SendHandler) args[1]);
                        return null;
                    }
                    if (method.getName().equals("sendBinary") && args.length == 2) {
                        // Recorded as "bin:" and the bytes as ISO-8859-1, so tests compare plain strings.
                        java.nio.ByteBuffer data = (java.nio.ByteBuffer) args[0];
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        sendText("bin:" + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1), (SendHandler) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "isOpen" -> isOpen();
                    case "getAsyncRemote" -> async;
                    case "close" -> {
                        close(args == null ? null : (CloseReason) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeSession[" + id + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private void sendText(String text, SendHandler handler) {
        synchronized (this) {
            written.add(text);
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            if (!completeInline) {
                pending.add(handler);
                return;
            }
        }
        // Completes on the sending thread; the write counts as in flight until sendText returns, so
        // a writer that started another write from inside the completion would show up as overlap.
        handler.onResult(new SendResult());
        synchronized (this) {
            inFlight--;
        }
    }

    private synchronized boolean isOpen() {
        return open;
    }

    private synchronized void close(CloseReason reason) {
        open = false;
        closes.add(reason);
    }
}
