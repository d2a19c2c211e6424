package io.chorus.it.security;

import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.it.support.Db;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The send budget per device (SPEC §10) on a node configured for a burst of 3 and a slow refill. */
class RateLimitIT {

    @Test
    void sendsOverTheBudget_areRefusedWithRateLimited_andNotStored_onBothDialects() {
        try (ServerProcess node = ServerProcess.prepare("rate", 1100, ServerProcess.postgres(
                "CHORUS_RATE_SENDS_PER_SECOND", "0.05", "CHORUS_RATE_SEND_BURST", "3")).start()) {
            People people = new People(new Rest(node.baseUri()));
            TestUser alice = people.user("alice");
            TestUser bob = people.friendOf(alice, "bob");

            Users.Login phone = people.login(alice, "phone");
            try (WsClient ws = people.connect(phone)) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    String id = newId();
                    ids.add(id);
                    ws.send(c2c(id, bob.uid(), "m" + i));
                }
                for (int i = 0; i < 5; i++) {
                    JsonObject answer = ws.nextJson();
                    if (i < 3) {
                        assertEquals("C2C_SERVER_ACK", answer.getString("type"), answer::toString);
                        assertEquals(1, Db.count("select count(*) from message where wire_id = ?", ids.get(i)));
                    } else {
                        assertEquals("rate_limited", answer.getJsonObject("payload").getString("reason"), answer::toString);
                        assertEquals(ids.get(i), answer.getJsonObject("payload").getString("ref"));
                        assertEquals(0, Db.count("select count(*) from message where wire_id = ?", ids.get(i)), "not stored");
                    }
                }
            }

            // The budget is the device's: a new socket does not refill it.
            try (WsClient again = people.connect(phone)) {
                String id = newId();
                again.send(c2c(id, bob.uid(), "after reconnect"));
                JsonObject answer = again.nextJson();
                assertEquals("rate_limited", answer.getJsonObject("payload").getString("reason"), answer::toString);
            }

            try (JimClient jim = people.jim(alice, 1)) {
                long bobId = Db.count("select id from app_user where account = ?", bob.account());
                for (int i = 0; i < 4; i++) {
                    JsonObject message = Json.createObjectBuilder().add("to", Json.createObjectBuilder().add("id", bobId).add("t", 1))
                            .add("id", i).add("bd", Json.createArrayBuilder().add(Json.createObjectBuilder().add("t", 1).add("d", "j" + i)))
                            .build();
                    JsonObject reply = jim.call(JimWire.MSG, message);
                    if (i < 3) {
                        assertEquals(true, reply.getJsonNumber("mid").longValue() > 0, reply::toString);
                    } else {
                        assertEquals(0, reply.getJsonNumber("mid").longValue(), reply::toString);
                        assertEquals("rate_limited", reply.getString("reason"));
                    }
                }
            }
        }
    }
}
