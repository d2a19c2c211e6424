package io.chorus.it.presence;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** SPEC §3 under the default policy (MULTI), and the caller's device list, rename and removal. */
class DevicesIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(800);

    @Test
    void multi_tellsTheOtherDevices_andKeepsThemConnected() {
        TestUser alice = people.user("alice");
        Login phone = people.login(alice, "phone");
        Login laptop = people.login(alice, "laptop");
        try (WsClient first = people.online(phone).allFrames()) {
            try (WsClient second = people.connect(laptop).allFrames()) {
                JsonObject notice = first.nextJson(WAIT);
                assertEquals("S2C", notice.getString("type"), notice::toString);
                assertEquals("logged_another_device", notice.getString("id"));
                assertEquals(alice.uid(), notice.getString("from"));
                assertEquals(obj("msg_type", "logged_another_device", "did", "laptop", "dname", "test laptop"),
                        notice.getJsonObject("payload"));
                assertNull(second.pollText(QUIET), "the newcomer is not told about itself");
                assertTrue(first.isOpen());
                assertTrue(second.isOpen());
            }
        }
    }

    @Test
    void sameDevice_secondSocketReplacesTheFirst() {
        TestUser alice = people.user("alice");
        Login phone = people.login(alice, "phone");
        // The first socket is registered before the second connects: which one the server saw last is the point.
        try (WsClient first = people.online(phone).allFrames(); WsClient second = people.connect(phone).allFrames()) {
            WsClient.Closing closing = first.awaitClose(WAIT);
            assertEquals(4001, closing.code());
            assertNull(second.pollText(QUIET), "no notice about one's own device");
            assertTrue(second.isOpen());
        }
    }

    @Test
    void devices_areListedRenamedAndRemoved() {
        TestUser alice = people.user("alice");
        Login phone = people.login(alice, "phone");
        Login laptop = people.login(alice, "laptop");
        try (WsClient laptopSocket = people.online(laptop).allFrames()) {
            Map<String, JsonObject> devices = devices(phone);
            assertEquals(2, devices.size());
            assertTrue(devices.get("phone").getBoolean("current"));
            assertFalse(devices.get("phone").getBoolean("online"));
            assertTrue(devices.get("laptop").getBoolean("online"));
            assertFalse(devices.get("laptop").getBoolean("current"));
            assertEquals("linux", devices.get("laptop").getString("cos"));

            assertEquals(204, rest.send("PATCH", "/api/me/devices/laptop", obj("dname", "Work laptop").toString(), phone.token()).status());
            assertEquals("Work laptop", devices(phone).get("laptop").getString("dname"));

            assertEquals(204, rest.send("DELETE", "/api/me/devices/laptop", null, phone.token()).status());
            JsonObject error = laptopSocket.nextJson(WAIT);
            assertEquals(706, error.getInt("code"), error::toString);
            assertEquals(4006, laptopSocket.awaitClose(WAIT).code());
            assertEquals(401, rest.get("/api/me", laptop.token()).status(), "its access token died with it");
            assertEquals(401, rest.post("/api/auth/refresh", obj("refreshtoken", laptop.refreshToken()).toString()).status());
            assertEquals(Map.of("phone", true), devices(phone).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getBoolean("current"))));
            assertEquals(404, rest.send("DELETE", "/api/me/devices/laptop", null, phone.token()).status());
        }
    }

    @Test
    void nobodyTouchesAnotherUsersDevices() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login alicePhone = people.login(alice, "phone");
        Login bobTablet = people.login(bob, "bob-tablet");
        Map<String, String> before = Db.snapshot();

        assertEquals(404, rest.send("DELETE", "/api/me/devices/bob-tablet", null, alicePhone.token()).status());
        assertEquals(404, rest.send("PATCH", "/api/me/devices/bob-tablet", obj("dname", "mine").toString(), alicePhone.token()).status());
        assertFalse(devices(alicePhone).containsKey("bob-tablet"));
        assertEquals(400, rest.send("PATCH", "/api/me/devices/phone", obj("dname", "x".repeat(129)).toString(), alicePhone.token()).status());
        assertEquals(400, rest.send("PATCH", "/api/me/devices/phone", "{}", alicePhone.token()).status());
        assertEquals(401, rest.get("/api/me/devices", null).status());

        assertEquals(before, Db.snapshot());
        assertEquals(200, rest.get("/api/me", bobTablet.token()).status(), "bob's device is untouched");
    }

    private Map<String, JsonObject> devices(Login login) {
        JsonArray list = rest.get("/api/me/devices", login.token()).structure().asJsonArray();
        return list.getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(d -> d.getString("did"), d -> d));
    }
}
