package io.chorus.it.reliability;

import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.JimWire.JimPacket;
import io.chorus.it.support.Users;
import io.chorus.it.support.Users.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A /jim device of the run. JIM has no idempotent retry (a client id is a temporary number), so
 * like a real JIM client it sends again only what the server refused with an Error packet (nothing
 * stored); a send whose socket died before its Response is in doubt, and the checker counts it.
 * JIM has no acks either: what the server wrote to the socket is delivered.
 */
final class JimChaosDevice extends ChaosDevice {
    private final TestUser user;
    private final int terminalType;
    /** Public uid or gid → the raw id and contact type JIM carries ({@code t} 1 user, 2 group). */
    private final Map<String, JsonObject> contacts;

    JimChaosDevice(String name, TestUser user, int terminalType, Map<String, JsonObject> contacts, History history, long seed,
                   List<String> friends, String group, int nodes, AtomicInteger internalErrors) {
        super(name, history, seed, friends, group, nodes, internalErrors);
        this.user = user;
        this.terminalType = terminalType;
        this.contacts = contacts;
    }

    @Override
    void session(URI base, int node) {
        String why = "stopped";
        JimClient jim = JimClient.connect(base);
        try {
            JsonObject auth = jim.authenticate(JimClient.authRequest(user.account(), Users.PASSWORD, terminalType)).json();
            if (auth == null || auth.getInt("c", -1) != 0) {
                return; // e.g. the database away: try again in a moment
            }
            history.connected.add(new History.Connected(name, node, System.currentTimeMillis()));
            Outgoing awaiting = null;
            int awaitingSid = -1;
            long awaitingSince = 0;
            long nextSendAt = System.currentTimeMillis();
            // Past the close too, until what arrived before it is read: JIM has no acks, so the server
            // settles what it wrote, and a packet queued here but never read would be lost to the test only.
            while (running) {
                long now = System.currentTimeMillis();
                if (awaiting == null && now >= nextSendAt && jim.isOpen()) {
                    synchronized (unanswered) {
                        if (unanswered.isEmpty() && sending) {
                            Outgoing fresh = nextMessage();
                            unanswered.add(fresh);
                            history.sent.add(new History.Sent(name, fresh.key(), fresh.toGroup(), fresh.to(), now));
                        }
                        awaiting = unanswered.peekFirst();
                    }
                    if (awaiting != null) {
                        awaitingSid = JimClient.freshSid();
                        jim.send(JimWire.MSG, JimWire.REQUEST, awaitingSid, message(awaiting));
                        awaitingSince = now;
                    }
                    nextSendAt = now + 150 + random.nextInt(500);
                }
                JimPacket packet = jim.poll(Duration.ofMillis(100));
                if (packet == null) {
                    if (!jim.isOpen()) {
                        break; // closed, and nothing left of what arrived before
                    }
                    if (awaiting != null && System.currentTimeMillis() - awaitingSince > ANSWER_TIMEOUT_MILLIS) {
                        // The server answers a send whose commit it could not confirm only once it can
                        // (the database back): in doubt for this client, which keeps its socket.
                        history.timedOut.add(new History.TimedOut(name, awaiting.key(), System.currentTimeMillis()));
                        inDoubt(awaiting);
                        awaiting = null;
                    }
                    continue;
                }
                if (packet.cmd() != JimWire.MSG) {
                    continue;
                }
                long at = System.currentTimeMillis();
                if (packet.type() == JimWire.REQUEST) {
                    received(packet.json(), at);
                } else if (awaiting != null && packet.sid() == awaitingSid) {
                    if (packet.type() == JimWire.RESPONSE) {
                        long mid = packet.json().getJsonNumber("mid").longValue();
                        if (mid > 0) {
                            history.acked.add(new History.Acked(name, awaiting.key(), Long.toString(mid), at));
                            forget(awaiting);
                        } else {
                            // mid 0: refused with a reason (rate limit, not a friend); nothing stored.
                            history.refused.add(new History.Refused(name, awaiting.key(), packet.json().toString(), at));
                        }
                    } else {
                        JsonObject error = packet.json();
                        String reason = error == null ? "" : error.getString("reason", "");
                        if ("internal".equals(reason)) {
                            answeredInternal(String.valueOf(error));
                        }
                        history.refused.add(new History.Refused(name, awaiting.key(), reason, at));
                    }
                    awaiting = null;
                }
            }
            if (awaiting != null) {
                inDoubt(awaiting);
            }
            if (!jim.isOpen()) {
                why = "closed by the server: " + jim.closed().getNow(null);
            }
        } finally {
            jim.close();
            history.disconnected.add(new History.Disconnected(name, System.currentTimeMillis(), why));
        }
    }

    /** The socket went with the send unanswered: stored or not, only the checker can tell; it is not sent again. */
    private void inDoubt(Outgoing message) {
        forget(message);
    }

    private void forget(Outgoing message) {
        synchronized (unanswered) {
            unanswered.remove(message);
        }
    }

    private void received(JsonObject pushed, long at) {
        JsonArray body = pushed.getJsonArray("bd");
        for (JsonObject item : body.getValuesAs(JsonObject.class)) {
            String key = keyIn(item.getString("d", null));
            if (key != null) {
                history.received.add(new History.Received(name, key, pushed.getJsonNumber("id").toString(), at));
                return;
            }
        }
    }

    private JsonObject message(Outgoing message) {
        return Json.createObjectBuilder().add("to", contacts.get(message.to())).add("st", 0).add("id", 1 + random.nextInt(1000))
                .add("bd", Json.createArrayBuilder().add(Json.createObjectBuilder().add("t", 1).add("d", text(message)))).build();
    }
}
