package io.chorus.it.message;

import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5.1: an acknowledged send is committed. A node on PostgreSQL is killed with kill -9 right
 * after the acks; after a restart every acknowledged message reaches the recipient.
 */
class CrashRecoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void killedAfterAcks_restartedNodeDeliversEveryAcknowledgedMessage() {
        try (ServerProcess node = ServerProcess.prepare("crash", 400, ServerProcess.postgres())) {
            node.start();
            People people = new People(new Rest(node.baseUri()));
            TestUser alice = people.user("alice");
            TestUser bob = people.friendOf(alice, "bob");
            Login bobPhone = people.login(bob, "phone");
            Login alicePhone = people.login(alice, "phone");

            List<String> acknowledged = new ArrayList<>();
            try (WsClient sender = people.connect(alicePhone)) {
                for (int i = 0; i < 100; i++) {
                    sender.send(c2c(newId(), bob.uid(), "m" + i));
                }
                for (int i = 0; i < 100; i++) {
                    JsonObject ack = sender.nextJson(WAIT);
                    assertEquals("C2C_SERVER_ACK", ack.getString("type"));
                    acknowledged.add(ack.getString("id"));
                }
                node.kill();
            }

            node.start();
            try (WsClient phone = people.connect(bobPhone)) {
                List<String> received = new ArrayList<>();
                for (int i = 0; i < acknowledged.size(); i++) {
                    JsonObject message = phone.nextJson(WAIT);
                    assertEquals(i + 1, message.getJsonNumber("seq").longValue());
                    received.add(message.getString("id"));
                }
                assertEquals(acknowledged, received);
            }
        }
    }
}
