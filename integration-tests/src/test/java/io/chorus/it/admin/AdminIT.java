package io.chorus.it.admin;

import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The admin API (SPEC §9) against the real server, as the configured administrator. */
class AdminIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(800);

    @Test
    void figures_countAConnectionOnceTheNodeHasReportedIt_andTheOnlineUser() {
        Login admin = Admins.login(rest, "console");
        TestUser alice = people.user("alice");
        Login a = people.login(alice, "phone");
        int before = figures(admin).getInt("connections");
        try (WsClient ws = people.online(a)) {
            // The node reports its sockets with each lease renewal (every 5 s).
            Awaitility.await("the connection in the figures").atMost(WAIT)
                    .until(() -> figures(admin).getInt("connections") >= before + 1);
            JsonObject figures = figures(admin);
            assertFalse(figures.getJsonArray("nodes").isEmpty());
            assertTrue(figures.getJsonNumber("online_users").longValue() >= 1);
            assertTrue(figures.getJsonObject("backlog").containsKey("pending"));
            assertTrue(figures.getJsonNumber("at").longValue() > 0);
        }
    }

    @Test
    void disable_closesTheSockets_refusesLoginAndTokens_andEnableLetsTheUserBackIn() {
        Login admin = Admins.login(rest, "console");
        TestUser bob = people.user("bob");
        Login b = people.login(bob, "phone");
        try (WsClient ws = people.online(b)) {
            Rest.Reply disabled = rest.post("/api/admin/users/" + bob.uid() + "/disable", "{}", admin.token());
            assertEquals(200, disabled.status(), disabled::toString);
            assertFalse(disabled.json().getBoolean("enabled"));
            assertEquals(706, ws.nextJson(WAIT).getInt("code"));
            assertEquals(4006, ws.awaitClose(WAIT).code());
        }
        assertEquals(401, rest.get("/api/me", b.token()).status(), "its tokens stop working");
        Rest.Reply refused = rest.post("/api/auth/login", obj("account", bob.account(), "password", Users.PASSWORD, "did", "phone").toString());
        assertEquals(403, refused.status(), refused::toString);
        assertEquals("account_disabled", refused.reason());

        assertTrue(rest.post("/api/admin/users/" + bob.uid() + "/enable", "{}", admin.token()).json().getBoolean("enabled"));
        assertEquals(200, rest.get("/api/me", people.login(bob, "phone").token()).status());
        Rest.Reply self = rest.post("/api/admin/users/" + admin.user().uid() + "/disable", "{}", admin.token());
        assertEquals(403, self.status(), "an administrator cannot lock themselves out");
    }

    @Test
    void kick_closesOneDeviceOrAllWith4007_andTheyMayReconnect() {
        Login admin = Admins.login(rest, "console");
        TestUser carol = people.user("carol");
        Login phone = people.login(carol, "phone");
        Login laptop = people.login(carol, "laptop");
        try (WsClient p = people.connect(phone); WsClient l = people.connect(laptop)) {
            people.awaitOnline(phone);
            people.awaitOnline(laptop);
            assertEquals(204, rest.post("/api/admin/users/" + carol.uid() + "/devices/phone/kick", "{}", admin.token()).status());
            assertEquals(4007, p.awaitClose(WAIT).code());
            assertTrue(l.isOpen());
            assertEquals(204, rest.post("/api/admin/users/" + carol.uid() + "/kick", "{}", admin.token()).status());
            assertEquals(4007, l.awaitClose(WAIT).code());
        }
        try (WsClient again = people.online(phone)) {
            assertTrue(again.isOpen(), "a kick is no ban");
        }
        assertEquals(404, rest.post("/api/admin/users/" + carol.uid() + "/devices/nope/kick", "{}", admin.token()).status());
    }

    @Test
    void notice_toChosenUsers_isAStoredS2CNotice_andBadInputStoresNothing() {
        Login admin = Admins.login(rest, "console");
        TestUser dave = people.user("dave");
        TestUser erin = people.user("erin");
        Login d = people.login(dave, "phone");
        Login e = people.login(erin, "phone");
        try (WsClient dws = people.connect(d); WsClient ews = people.connect(e)) {
            Rest.Reply sent = rest.post("/api/admin/notices", obj("title", "Maintenance", "text", "Back at 22:00 <b>UTC</b>",
                    "uids", Json.createArrayBuilder().add(dave.uid()).build()), admin.token());
            assertEquals(201, sent.status(), sent::toString);
            assertEquals(1, sent.json().getInt("recipients"));
            JsonObject notice = dws.nextJson(WAIT);
            assertEquals("S2C", notice.getString("type"));
            assertEquals(admin.user().uid(), notice.getString("from"));
            assertEquals(dave.uid(), notice.getString("to"));
            assertEquals(sent.json().getString("id") + "_" + dave.uid(), notice.getString("id"));
            assertEquals(Json.createObjectBuilder().add("msg_type", "system_notice").add("text", "Back at 22:00 <b>UTC</b>")
                    .add("title", "Maintenance").build(), notice.getJsonObject("payload"));
            dws.send(ack("S2C", notice.getString("id"), d.did()));
            assertNull(ews.pollText(QUIET), "only the chosen users");
        }

        Map<String, String> before = Db.snapshot();
        assertEquals(400, rest.post("/api/admin/notices", obj("text", " "), admin.token()).status());
        assertEquals(400, rest.post("/api/admin/notices", obj("text", "x", "uids", Json.createArrayBuilder().build()), admin.token()).status());
        assertEquals(404, rest.post("/api/admin/notices", obj("text", "x", "uids",
                Json.createArrayBuilder().add(dave.uid()).add("nobody12").build()), admin.token()).status());
        assertEquals(before, Db.snapshot(), "a refused notice stores nothing, not even for the valid uids");

        Rest.Reply everyone = rest.post("/api/admin/notices", obj("text", "Hello, everyone"), admin.token());
        assertEquals(201, everyone.status(), everyone::toString);
        assertTrue(everyone.json().getInt("recipients") >= 2);
        try (WsClient ews = people.connect(e)) {
            assertEquals("Hello, everyone", ews.nextJson(WAIT).getJsonObject("payload").getString("text"), "from the backlog");
        }
    }

    @Test
    void usersAreFoundWithTheirDevices_disabledOnesToo_andAnyGroupCanBeLookedAt() {
        Login admin = Admins.login(rest, "console");
        TestUser frank = people.user("frank");
        Login f = people.login(frank, "phone");
        List<JsonObject> found = rest.get("/api/admin/users?q=" + frank.account(), admin.token()).structure().asJsonArray()
                .getValuesAs(JsonObject.class);
        assertEquals(List.of(frank.uid()), found.stream().map(u -> u.getString("uid")).toList());
        JsonObject detail = rest.get("/api/admin/users/" + frank.uid(), admin.token()).json();
        assertEquals(frank.account(), detail.getJsonObject("user").getString("account"));
        assertEquals("phone", detail.getJsonArray("devices").getJsonObject(0).getString("did"));
        assertEquals(404, rest.get("/api/admin/users/nobody12", admin.token()).status());

        Rest.Reply group = rest.post("/api/groups", obj("title", "Inspected", "members", Json.createArrayBuilder().build()), f.token());
        String gid = group.json().getString("gid");
        JsonObject inspected = rest.get("/api/admin/groups/" + gid, admin.token()).json();
        assertEquals("Inspected", inspected.getString("title"));
        assertEquals(frank.uid(), inspected.getJsonArray("members").getJsonObject(0).getString("uid"));
    }

    private JsonObject figures(Login admin) {
        Rest.Reply reply = rest.get("/api/admin/figures", admin.token());
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }
}
