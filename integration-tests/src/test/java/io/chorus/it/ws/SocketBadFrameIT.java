package io.chorus.it.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §10 on the real socket: bad frames get error code 1 with a reason, and the connection stays up. */
class SocketBadFrameIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json                 | {oops                                   | malformed",
            "json array               | [1,2,3]                                 | malformed",
            "unknown type             | {\"type\":\"C2X\",\"id\":\"x1\"}        | unknown_type",
            "missing type             | {\"id\":\"x1\"}                         | unknown_type",
            "bad client ack           | CLIENT_ACK,C2C                          | bad_ack",
    })
    void badFrame_isAnsweredAndConnectionStaysUsable(String label, String frame, String reason) {
        Login login = people.loggedIn("bad", "d1");
        try (WsClient client = people.connect(login)) {
            client.send(frame);
            assertError(client.nextJson(WAIT), reason);
            assertUsable(client);
        }
    }

    @Test
    void binaryFrame_isMalformedAndConnectionStaysUsable() {
        Login login = people.loggedIn("bin", "d1");
        try (WsClient client = people.connect(login)) {
            client.sendBinary(new byte[] {0x55, 0x55, 1, 2, 3, 0x04});
            assertError(client.nextJson(WAIT), "malformed");
            assertUsable(client);
        }
    }

    @Test
    void frameOverPayloadLimit_isRefusedAndConnectionStaysUsable() {
        Login login = people.loggedIn("big", "d1");
        try (WsClient client = people.connect(login)) {
            String text = "x".repeat(200_000);
            client.send("{\"type\":\"C2C\",\"id\":\"big1\",\"to\":\"someone\",\"created_at\":1,\"payload\":{\"msg_type\":\"text\",\"text\":\"" + text + "\"}}");
            assertError(client.nextJson(WAIT), "payload_too_large");
            assertUsable(client);
        }
    }

    @Test
    void frameOverOneMebibyte_closesWith1009() {
        Login login = people.loggedIn("huge", "d1");
        try (WsClient client = people.connect(login)) {
            client.send("x".repeat(1024 * 1024 + 10));
            assertEquals(1009, client.awaitClose(WAIT).code());
        }
    }

    private static void assertError(JsonObject error, String reason) {
        assertEquals("error", error.getString("type"), error::toString);
        assertEquals(1, error.getInt("code"));
        assertEquals(reason, error.getJsonObject("payload").getString("reason"), error::toString);
        assertTrue(error.getJsonNumber("server_ts").longValue() > 0);
    }

    private static void assertUsable(WsClient client) {
        client.send("ping");
        assertEquals("pong2", client.nextText(WAIT));
    }
}
