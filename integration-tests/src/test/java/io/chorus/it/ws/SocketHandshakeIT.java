package io.chorus.it.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Server;
import io.chorus.it.support.Tokens;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.WsClient.Closing;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The authenticated socket's handshake (SPEC §4): every refusal is an error frame, then a close code. */
class SocketHandshakeIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final URI ws = Server.wsUri(Server.baseUri(), "/ws");

    @Test
    void noToken_isError706ThenClose4006() {
        try (WsClient client = WsClient.connect(ws, Map.of())) {
            assertRefused(client, 706, 4006);
        }
    }

    @Test
    void forgedToken_isError706ThenClose4006() {
        Login login = people.loggedIn("forger", "d1");
        try (WsClient client = WsClient.connect(ws, Map.of("Authorization", Tokens.forgedCopyOf(login.token())))) {
            assertRefused(client, 706, 4006);
        }
    }

    @Test
    void garbageToken_isError706ThenClose4006() {
        try (WsClient client = WsClient.connect(URI.create(ws + "?token=not.a.token"), Map.of())) {
            assertRefused(client, 706, 4006);
        }
    }

    @Test
    void tokenOfAnotherDevice_isError706ThenClose4006() {
        Login phone = people.loggedIn("twodev", "phone");
        try (WsClient client = WsClient.connect(ws, Map.of("Authorization", "Bearer " + phone.token(), "did", "laptop"))) {
            assertRefused(client, 706, 4006);
        }
    }

    @Test
    void expiredToken_isError705ThenClose4005() {
        Login login = people.loggedIn("late", "d1");
        try (WsClient client = WsClient.connect(ws, Map.of("Authorization", "Bearer " + Tokens.expiredCopyOf(login.token()), "did", "d1"))) {
            assertRefused(client, 705, 4005);
        }
    }

    @Test
    void tokenOfLoggedOutDevice_isError706ThenClose4006() {
        Login login = people.loggedIn("gone", "d1");
        assertEquals(204, rest.post("/api/auth/logout", (String) null, login.token()).status());
        try (WsClient client = people.connect(login)) {
            assertRefused(client, 706, 4006);
        }
    }

    @Test
    void tokenAndDidInQuery_authenticateBrowsers() {
        Login login = people.loggedIn("browser", "web-1");
        try (WsClient client = WsClient.connect(URI.create(ws + "?token=" + login.token() + "&did=web-1"), Map.of())) {
            client.send("ping");
            assertEquals("pong2", client.nextText(WAIT));
        }
    }

    @Test
    void ping_isAnsweredWithPong2() {
        Login login = people.loggedIn("pinger", "d1");
        try (WsClient client = people.connect(login)) {
            for (int i = 0; i < 3; i++) {
                client.send("ping");
                assertEquals("pong2", client.nextText(WAIT));
            }
        }
    }

    @Test
    void offeredSubprotocol_isEchoed() {
        Login login = people.loggedIn("proto", "d1");
        try (WsClient client = WsClient.connect(ws, Map.of("Authorization", login.token(), "did", "d1"), List.of("text"))) {
            assertEquals("text", client.subprotocol());
            client.send("ping");
            assertEquals("pong2", client.nextText(WAIT));
        }
    }

    @Test
    void secondConnectionOfADevice_replacesTheFirst() {
        Login login = people.loggedIn("twice", "d1");
        try (WsClient first = people.connect(login)) {
            first.send("ping");
            assertEquals("pong2", first.nextText(WAIT));
            try (WsClient second = people.connect(login)) {
                assertEquals(4001, first.awaitClose(WAIT).code());
                second.send("ping");
                assertEquals("pong2", second.nextText(WAIT));
            }
        }
    }

    private static void assertRefused(WsClient client, int code, int closeCode) {
        JsonObject error = client.nextJson(WAIT);
        assertEquals("error", error.getString("type"));
        assertEquals(code, error.getInt("code"));
        assertTrue(error.getJsonNumber("server_ts").longValue() > 0);
        Closing closing = client.awaitClose(WAIT);
        assertEquals(closeCode, closing.code());
    }
}
