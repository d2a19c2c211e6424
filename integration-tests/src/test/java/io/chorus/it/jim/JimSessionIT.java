package io.chorus.it.jim;

import static io.chorus.it.support.JimClient.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire.JimPacket;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code /jim} session (SPEC §6): authentication, its deadline, sign-out, and what bad input does. */
class JimSessionIT extends BlackBoxIT {
    private static final Duration QUIET = Duration.ofMillis(800);

    @Test
    void passwordLogin_answersCodeZeroWithServerStampAndUid_andIsADevicePerTerminalType() {
        TestUser alice = people.user("alice");
        long before = System.currentTimeMillis();
        try (JimClient pc = JimClient.connect(); JimClient phone = JimClient.connect()) {
            JsonObject reply = pc.call(JimWire.AUTH, JimClient.authRequest(alice.account(), Users.PASSWORD, 1));
            assertEquals(0, reply.getInt("c"), reply::toString);
            assertEquals(Jim.uid(alice), reply.getJsonObject("usr").getJsonNumber("uid").longValue());
            long ss = reply.getJsonNumber("ss").longValue();
            assertTrue(ss >= before && ss <= System.currentTimeMillis(), "ss is the server's clock");

            assertEquals(0, phone.call(JimWire.AUTH, JimClient.authRequest(alice.account(), Users.PASSWORD, 2)).getInt("c"));
            assertEquals(1, Db.count("select count(*) from device d join app_user u on u.id = d.user_id "
                    + "where u.account = ? and d.did = 'jim-pc' and d.cos = 'pc'", alice.account()));
            assertEquals(1, Db.count("select count(*) from device d join app_user u on u.id = d.user_id "
                    + "where u.account = ? and d.did = 'jim-iphone'", alice.account()));
            assertTrue(pc.isOpen() && phone.isOpen(), "two terminal types stay connected together");
        }
    }

    @Test
    void tokenLogin_isTheTokensDevice() {
        TestUser alice = people.user("alice");
        Login login = people.login(alice, "laptop");
        try (JimClient client = JimClient.connect()) {
            JsonObject reply = client.call(JimWire.AUTH, Json.createObjectBuilder().add("tk", login.token()).build());
            assertEquals(0, reply.getInt("c"), reply::toString);
            assertEquals(Jim.uid(alice), reply.getJsonObject("usr").getJsonNumber("uid").longValue());
            people.awaitOnline(login);
        }
    }

    @Test
    void wrongPassword_unknownAccount_andBadToken_answerCodeThree_thenClose4003_andChangeNothing() {
        TestUser alice = people.user("alice");
        Map<String, String> before = Db.snapshot();
        for (JsonObject auth : new JsonObject[] {
            JimClient.authRequest(alice.account(), "not the password", 1),
            JimClient.authRequest(Users.uniqueAccount("nobody"), Users.PASSWORD, 1),
            Json.createObjectBuilder().add("tk", "not.a.token").build()}) {
            try (JimClient client = JimClient.connect()) {
                JsonObject reply = client.call(JimWire.AUTH, auth);
                assertEquals(3, reply.getInt("c"), reply::toString);
                assertFalse(reply.containsKey("usr"));
                assertEquals(4003, client.awaitClose(WAIT).code());
            }
        }
        assertEquals(before, Db.snapshot(), "no device was made");
    }

    @Test
    void malformedAuth_answersCodeOne() {
        TestUser alice = people.user("alice");
        for (JsonObject auth : new JsonObject[] {
            JimClient.authRequest(alice.account(), Users.PASSWORD, 9),
            Json.createObjectBuilder().add("u", "%%%not base64").add("p", "eA==").add("tt", 1).build(),
            Json.createObjectBuilder().add("tt", 1).build()}) {
            try (JimClient client = JimClient.connect()) {
                assertEquals(1, client.call(JimWire.AUTH, auth).getInt("c"), auth::toString);
                assertEquals(4003, client.awaitClose(WAIT).code());
            }
        }
    }

    @Test
    void noAuthWithinTheDeadline_orAnotherCommandFirst_orTooManyBytes_closes4003() {
        try (JimClient silent = JimClient.connect()) {
            long start = System.nanoTime();
            assertEquals(4003, silent.awaitClose(Duration.ofSeconds(15)).code());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 4000, "not before the 5 s deadline");
        }
        try (JimClient early = JimClient.connect()) {
            early.send(JimWire.GET_RECENT_CONTACT, JimWire.REQUEST, 1, Json.createObjectBuilder().build());
            assertEquals(4003, early.awaitClose(WAIT).code());
            assertNull(early.poll(Duration.ofMillis(100)), "no answer to a command before Cmd_Auth");
        }
        try (JimClient chatty = JimClient.connect()) {
            // An unfinished packet over 1024 bytes: the pre-auth budget is spent before it ends.
            byte[] big = JimWire.encode(0x3c, JimWire.AUTH, JimWire.REQUEST, 0, 1, new byte[2000]);
            chatty.sendRaw(java.util.Arrays.copyOf(big, 1500));
            assertEquals(4003, chatty.awaitClose(WAIT).code());
        }
    }

    @Test
    void unknownCommand_getsAnErrorPacket_andTheSessionStaysUp() {
        TestUser alice = people.user("alice");
        try (JimClient client = people.jim(alice, 1)) {
            JimPacket error = client.request(0x7f, Json.createObjectBuilder().add("x", 1).build());
            assertEquals(JimWire.ERROR, error.type(), error::toString);
            assertEquals("unknown_command", error.json().getString("reason"));
            assertEquals(1, error.json().getInt("code"));

            JimPacket notARequest = client.requestAs(JimWire.GET_RECENT_CONTACT, JimWire.RESPONSE, Json.createObjectBuilder().build());
            assertEquals(JimWire.ERROR, notARequest.type());
            assertEquals("malformed", notARequest.json().getString("reason"));

            JimPacket badField = client.request(JimWire.GET_MSG, Json.createObjectBuilder().add("c", "x").build());
            assertEquals(JimWire.ERROR, badField.type());
            assertEquals("invalid_field", badField.json().getString("reason"));

            JimPacket again = client.request(JimWire.AUTH, JimClient.authRequest(alice.account(), Users.PASSWORD, 1));
            assertEquals(JimWire.ERROR, again.type());
            assertEquals("forbidden", again.json().getString("reason"));

            assertEquals(0, client.call(JimWire.GET_RECENT_CONTACT, Json.createObjectBuilder().build())
                    .getJsonArray("cs").size(), "still serving");
            assertTrue(client.isOpen());
        }
    }

    @Test
    void framingGarbage_closes1002_andATextFrame1003_onlyThatConnection() {
        TestUser alice = people.user("alice");
        try (JimClient other = people.jim(alice, 1); JimClient broken = people.jim(alice, 2)) {
            broken.sendRaw(new byte[] {0x55, 0x55, 0x05, 0x07, 0x04});
            assertEquals(1002, broken.awaitClose(WAIT).code());
            assertTrue(other.isOpen());
            assertEquals(0, other.call(JimWire.GET_RECENT_CONTACT, null).getJsonArray("cs").size());
        }
        try (JimClient texting = people.jim(alice, 3)) {
            texting.sendText("ping");
            assertEquals(1003, texting.awaitClose(WAIT).code());
        }
    }

    @Test
    void packetsSplitAcrossThreeFrames_andThreeInOneFrame_areServed() {
        TestUser alice = people.user("alice");
        try (JimClient client = JimClient.connect()) {
            byte[] auth = JimWire.encode(0x11, JimWire.AUTH, JimWire.REQUEST, 0, 7,
                    JimClient.authRequest(alice.account(), Users.PASSWORD, 1).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            client.sendSplit(auth, 1, auth.length / 2);
            JimPacket reply = client.next();
            assertEquals(7, reply.sid());
            assertEquals(0, reply.json().getInt("c"));

            java.io.ByteArrayOutputStream three = new java.io.ByteArrayOutputStream();
            for (int sid = 1; sid <= 3; sid++) {
                three.writeBytes(JimWire.encode(sid, JimWire.GET_RECENT_CONTACT, JimWire.REQUEST, 0, sid, "{}".getBytes()));
            }
            client.sendRaw(three.toByteArray());
            for (int sid = 1; sid <= 3; sid++) {
                JimPacket answer = client.next();
                assertEquals(sid, answer.sid());
                assertEquals(JimWire.RESPONSE, answer.type());
            }
        }
    }

    @Test
    void signOut_closes4004_andEndsTheTokensOfThatDevice() {
        TestUser alice = people.user("alice");
        Login login = people.login(alice, "laptop");
        try (JimClient client = JimClient.connect()) {
            assertEquals(0, client.call(JimWire.AUTH, Json.createObjectBuilder().add("tk", login.token()).build()).getInt("c"));
            client.send(JimWire.SIGN_OUT, JimWire.REQUEST, 5, null);
            assertEquals(4004, client.awaitClose(WAIT).code());
            assertNull(client.poll(Duration.ofMillis(100)), "no reply to Cmd_SignOut");
        }
        assertEquals(401, rest.get("/api/me", login.token()).status(), "the device's token is revoked");
    }

    @Test
    void secondLoginOnTheSameTerminal_getsTheOldOneAConflictNotification_thenClose4001() {
        TestUser alice = people.user("alice");
        try (JimClient first = people.jim(alice, 2); JimClient second = people.jim(alice, 2)) {
            JimPacket conflict = first.next();
            assertEquals(JimWire.CONFLICT_NOTIFICATION, conflict.cmd(), conflict::toString);
            assertEquals(JimWire.REQUEST, conflict.type());
            assertEquals(0, conflict.data().length);
            assertEquals(4001, first.awaitClose(WAIT).code());
            assertTrue(second.isOpen());
            assertNull(second.poll(QUIET));
        }
    }
}
