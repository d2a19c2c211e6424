package io.chorus.it.presence;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire.JimPacket;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stricter device policies (SPEC §3), each on a node of its own configured for it. */
class DevicePolicyIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(800);

    @Test
    void onePerTerminalType_kicksTheSameType_andTellsTheOthers() {
        try (ServerProcess node = ServerProcess.prepare("policy-type", 600,
                ServerProcess.postgres("CHORUS_DEVICE_POLICY", "ONE_PER_TERMINAL_TYPE")).start()) {
            Rest rest = new Rest(node.baseUri());
            People people = new People(rest);
            TestUser alice = people.user("alice");
            Login oldPhone = login(rest, alice, "old-phone", "ios");
            Login newPhone = login(rest, alice, "new-phone", "ios");
            Login laptop = login(rest, alice, "laptop", "macos");

            try (WsClient desk = people.online(laptop).allFrames(); WsClient first = people.online(oldPhone).allFrames()) {
                assertAnotherDevice(desk.nextJson(WAIT), "old-phone");
                try (WsClient second = people.online(newPhone).allFrames()) {
                    assertAnotherDevice(first.nextJson(WAIT), "new-phone");
                    assertEquals(4002, first.awaitClose(WAIT).code(), "same terminal type: kicked");
                    assertAnotherDevice(desk.nextJson(WAIT), "new-phone");
                    assertTrue(desk.isOpen(), "another terminal type stays");
                    assertTrue(second.isOpen());
                    assertNull(second.pollText(QUIET));
                }
            }

            // Dialect B: JIM's own rule, one connection per terminal type. A JIM iPhone sign-in pushes
            // out a /ws device of that type, and is pushed out by the next one with a conflict notification.
            Login webIphone = login(rest, alice, "web-iphone", "iphone");
            try (WsClient web = people.online(webIphone).allFrames();
                 JimClient jim = people.jim(alice, 2)) {
                assertAnotherDevice(web.nextJson(WAIT), "jim-iphone");
                assertEquals(4002, web.awaitClose(WAIT).code());
                try (WsClient webAgain = people.connect(webIphone).allFrames()) {
                    JimPacket conflict = jim.next(WAIT);
                    assertEquals(JimWire.CONFLICT_NOTIFICATION, conflict.cmd(), conflict::toString);
                    assertEquals(4002, jim.awaitClose(WAIT).code());
                    assertTrue(webAgain.isOpen());
                }
            }
        }
    }

    @Test
    void single_kicksEveryOtherDevice() {
        try (ServerProcess node = ServerProcess.prepare("policy-single", 700,
                ServerProcess.postgres("CHORUS_DEVICE_POLICY", "SINGLE")).start()) {
            Rest rest = new Rest(node.baseUri());
            People people = new People(rest);
            TestUser alice = people.user("alice");
            Login phone = login(rest, alice, "phone", "android");
            Login laptop = login(rest, alice, "laptop", "windows");
            try (WsClient first = people.online(phone).allFrames(); WsClient second = people.online(laptop).allFrames()) {
                assertAnotherDevice(first.nextJson(WAIT), "laptop");
                assertEquals(4002, first.awaitClose(WAIT).code());
                assertTrue(second.isOpen());
                // The same device reconnecting replaces, as under every policy.
                try (WsClient again = people.connect(laptop).allFrames()) {
                    assertEquals(4001, second.awaitClose(WAIT).code());
                    assertTrue(again.isOpen());
                }
            }
        }
    }

    private static Login login(Rest rest, TestUser user, String did, String cos) {
        Rest.Reply reply = rest.post("/api/auth/login", obj("account", user.account(), "password", Users.PASSWORD,
                "did", did, "cos", cos, "dname", did + " of " + user.account()).toString());
        assertEquals(200, reply.status(), reply::toString);
        return new Login(user, did, reply.json().getString("token"), reply.json().getString("refreshtoken"));
    }

    private static void assertAnotherDevice(JsonObject notice, String did) {
        assertEquals("S2C", notice.getString("type"), notice::toString);
        assertEquals("logged_another_device", notice.getJsonObject("payload").getString("msg_type"));
        assertEquals(did, notice.getJsonObject("payload").getString("did"));
    }
}
