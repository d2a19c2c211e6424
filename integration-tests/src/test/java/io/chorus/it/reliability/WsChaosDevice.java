package io.chorus.it.reliability;

import static io.chorus.it.support.Frames.ack;

import io.chorus.it.support.Users.Login;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A /ws device of the run. Like a real client it sends a message again with the same id until the
 * server acknowledges it (the server answers a retry with the original ack and stores nothing), so
 * every send ends acknowledged; it acknowledges every message and notice it gets.
 */
final class WsChaosDevice extends ChaosDevice {
    private final Login login;

    WsChaosDevice(String name, Login login, History history, long seed, List<String> friends, String group, int nodes,
                  AtomicInteger internalErrors) {
        super(name, history, seed, friends, group, nodes, internalErrors);
        this.login = login;
    }

    @Override
    void session(URI base, int node) {
        String why = "stopped";
        try (WsClient ws = WsClient.connect(base, login)) {
            history.connected.add(new History.Connected(name, node, System.currentTimeMillis()));
            Outgoing awaiting = null;
            long awaitingSince = 0;
            long nextSendAt = System.currentTimeMillis();
            while (running && ws.isOpen()) {
                long now = System.currentTimeMillis();
                if (awaiting == null && now >= nextSendAt) {
                    synchronized (unanswered) {
                        if (unanswered.isEmpty() && sending) {
                            Outgoing fresh = nextMessage();
                            unanswered.add(fresh);
                            history.sent.add(new History.Sent(name, fresh.key(), fresh.toGroup(), fresh.to(), now));
                        }
                        awaiting = unanswered.peekFirst();
                    }
                    if (awaiting != null) {
                        ws.send(frame(awaiting));
                        awaitingSince = now;
                    }
                    nextSendAt = now + 150 + random.nextInt(500);
                }
                String text = ws.pollText(Duration.ofMillis(100));
                if (text == null) {
                    if (awaiting != null && System.currentTimeMillis() - awaitingSince > ANSWER_TIMEOUT_MILLIS) {
                        why = ANSWER_TIMEOUT; // the socket is taken for dead; the send goes again on the next one
                        return;
                    }
                    continue;
                }
                awaiting = handle(ws, text, awaiting);
            }
            if (!ws.isOpen()) {
                why = "closed by the server: " + ws.closed().getNow(null);
            }
        } finally {
            history.disconnected.add(new History.Disconnected(name, System.currentTimeMillis(), why));
        }
    }

    /** Records and acknowledges what came; returns the send still awaiting its answer (null once answered). */
    private Outgoing handle(WsClient ws, String text, Outgoing awaiting) {
        if (!text.startsWith("{")) {
            return awaiting;
        }
        JsonObject frame;
        try (var reader = Json.createReader(new StringReader(text))) {
            frame = reader.readObject();
        }
        String type = frame.getString("type", "");
        long now = System.currentTimeMillis();
        switch (type) {
            case "C2C_SERVER_ACK", "C2G_SERVER_ACK" -> {
                if (awaiting != null && awaiting.clientId().equals(frame.getString("id", null))) {
                    history.acked.add(new History.Acked(name, awaiting.key(), awaiting.clientId(), now));
                    synchronized (unanswered) {
                        unanswered.remove(awaiting);
                    }
                    return null;
                }
            }
            case "error" -> {
                JsonObject payload = frame.getJsonObject("payload");
                String reason = payload == null ? "" : payload.getString("reason", "");
                if ("internal".equals(reason)) {
                    answeredInternal(text);
                }
                String ref = payload == null || payload.isNull("ref") ? null : payload.getString("ref", null);
                if (awaiting != null && awaiting.clientId().equals(ref)) {
                    history.refused.add(new History.Refused(name, awaiting.key(), reason, now));
                    return null; // sent again, same id, at the next turn
                }
            }
            case "C2C", "C2G" -> {
                JsonObject payload = frame.getJsonObject("payload");
                String key = payload == null ? null : keyIn(payload.getString("text", null));
                String id = frame.getString("id");
                if (key != null) {
                    history.received.add(new History.Received(name, key, id, now));
                }
                ws.send(ack(type, id, login.did()));
            }
            case "S2C" -> ws.send(ack("S2C", frame.getString("id"), login.did()));
            default -> {
                // Presence, revokes and the like are not part of the run's history.
            }
        }
        return awaiting;
    }

    private static String frame(Outgoing message) {
        return Json.createObjectBuilder().add("type", message.toGroup() ? "C2G" : "C2C").add("id", message.clientId())
                .add("to", message.to()).add("created_at", System.currentTimeMillis())
                .add("payload", Json.createObjectBuilder().add("msg_type", "text").add("text", text(message))).build().toString();
    }
}
