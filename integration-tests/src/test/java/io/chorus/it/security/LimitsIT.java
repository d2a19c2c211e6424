package io.chorus.it.security;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.Db;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.People;
import io.chorus.it.support.RawHttp.Answer;
import io.chorus.it.support.RawHttp;
import io.chorus.it.support.Rest;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits of SPEC §10 that are not about messages, on a node configured with small ones: socket
 * connection attempts per address and per device (429 before the upgrade), failed log-ins per
 * account and address, per account and per address (REST and /jim), and friend requests. Each test
 * speaks from its own loopback source address (127.0.0.x), so the per-address budgets of one test do
 * not touch another's.
 */
class LimitsIT {
    private static final String WRONG = "not the password";
    private static ServerProcess node;
    private static URI base;
    private static Rest rest;
    private static People people;

    @BeforeAll
    static void start() {
        node = ServerProcess.prepare("limits", 1200, ServerProcess.postgres(
                "CHORUS_RATE_ADDRESS_CONNECT_BURST", "5", "CHORUS_RATE_ADDRESS_CONNECTS_PER_SECOND", "0.001",
                "CHORUS_RATE_DEVICE_CONNECT_BURST", "2", "CHORUS_RATE_DEVICE_CONNECTS_PER_SECOND", "0.001",
                "CHORUS_LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS", "3", "CHORUS_LOGIN_MAX_FAILURES_PER_ACCOUNT", "5",
                "CHORUS_LOGIN_MAX_FAILURES_PER_ADDRESS", "8",
                "CHORUS_FRIEND_REQUESTS_PER_DAY", "3", "CHORUS_FRIEND_MAX_OPEN_SENT", "2", "CHORUS_FRIEND_MAX_OPEN_RECEIVED", "2"))
                .start();
        base = node.baseUri();
        rest = new Rest(base);
        people = new People(rest);
        // Failed log-ins are counted in the shared database, for the whole cluster: the suite's
        // earlier classes failed thousands from 127.0.0.1 (the fuzz suites). This class's own
        // counting from there starts at zero.
        Db.execute("DELETE FROM login_throttle WHERE throttle_key = 'i:127.0.0.1' OR throttle_key LIKE 'p:%|127.0.0.1'");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void connectionAttemptsOverAnAddressBudget_areRefusedWith429BeforeTheUpgrade() {
        for (int i = 0; i < 5; i++) {
            assertEquals(101, RawHttp.upgrade("127.0.0.21", base, "/jim", Map.of()).status(), "attempt " + i);
        }
        Answer refused = RawHttp.upgrade("127.0.0.21", base, "/jim", Map.of());
        assertEquals(429, refused.status(), refused::toString);
        assertEquals("rate_limited", refused.json().getString("reason"));
        assertNotNull(refused.header("Retry-After"));
        assertEquals(429, RawHttp.upgrade("127.0.0.21", base, "/ws", Map.of()).status(), "both endpoints share it");
        assertEquals(101, RawHttp.upgrade("127.0.0.22", base, "/jim", Map.of()).status(), "another address is not affected");
    }

    @Test
    void connectionAttemptsOverADeviceBudget_areRefused_otherDevicesOfTheUserAreNot() {
        TestUser alice = people.user("alice");
        Login phone = people.login(alice, "phone");
        Login laptop = people.login(alice, "laptop");
        Map<String, String> asPhone = Map.of("Authorization", "Bearer " + phone.token());
        // Different addresses: only the device's budget (2) is at stake.
        assertEquals(101, RawHttp.upgrade("127.0.0.31", base, "/ws", asPhone).status());
        assertEquals(101, RawHttp.upgrade("127.0.0.32", base, "/ws", asPhone).status());
        assertEquals(429, RawHttp.upgrade("127.0.0.33", base, "/ws", asPhone).status());
        assertEquals(101, RawHttp.upgrade("127.0.0.34", base, "/ws", Map.of("Authorization", "Bearer " + laptop.token())).status());
    }

    @Test
    void failedLoginsOfOneAccountFromOneAddress_stopThatPair_notTheOwnerElsewhere() {
        TestUser carol = people.user("carol");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login("127.0.0.41", carol, WRONG).status(), "failure " + i);
        }
        Answer refused = login("127.0.0.41", carol, Users.PASSWORD);
        assertEquals(429, refused.status(), "even the right password waits: " + refused);
        assertEquals("too_many_attempts", refused.json().getString("reason"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0, refused::toString);
        assertEquals(0, Db.count("select count(*) from device d join app_user u on u.id = d.user_id where u.account = ? and d.did = ?",
                carol.account(), "limit-test"), "a refused log-in creates no device");
        assertEquals(200, login("127.0.0.42", carol, Users.PASSWORD).status(), "the owner elsewhere logs in");
    }

    @Test
    void failedLoginsOfOneAccountFromManyAddresses_stopNewAddresses_butNotOneTheOwnerUsedBefore() {
        TestUser dave = people.user("dave");
        assertEquals(200, login("127.0.0.51", dave, Users.PASSWORD).status());
        for (String attacker : new String[] {"127.0.0.52", "127.0.0.53"}) {
            for (int i = 0; i < 2; i++) {
                assertEquals(401, login(attacker, dave, WRONG).status());
            }
        }
        assertEquals(401, login("127.0.0.54", dave, WRONG).status());
        // Five failures: the account's own limit holds for addresses it never logged in from ...
        assertEquals(429, login("127.0.0.55", dave, Users.PASSWORD).status());
        // ... but its owner's known address still gets in.
        assertEquals(200, login("127.0.0.51", dave, Users.PASSWORD).status());
    }

    @Test
    void failedLoginsFromOneAddressAcrossAccounts_stopThatAddress() {
        TestUser erin = people.user("erin");
        for (int i = 0; i < 8; i++) {
            TestUser nobody = new TestUser(Users.uniqueAccount("nobody"), "");
            assertEquals(401, login("127.0.0.61", nobody, WRONG).status(), "failure " + i);
        }
        assertEquals(429, login("127.0.0.61", erin, Users.PASSWORD).status());
        assertEquals(200, login("127.0.0.62", erin, Users.PASSWORD).status());
    }

    @Test
    void jimCmdAuth_isCountedAndRefusedLikeTheRestLogin() {
        TestUser frank = people.user("frank");
        // The JDK client speaks from 127.0.0.1; no other test fails a log-in from there.
        for (int i = 0; i < 3; i++) {
            try (JimClient jim = JimClient.connect(JimClient.jimUri(base))) {
                JsonObject answer = jim.authenticate(frank.account(), WRONG, 1).json();
                assertEquals("bad_credentials", answer.getString("reason"), answer::toString);
            }
        }
        try (JimClient jim = JimClient.connect(JimClient.jimUri(base))) {
            JsonObject answer = jim.authenticate(frank.account(), Users.PASSWORD, 1).json();
            assertEquals("too_many_attempts", answer.getString("reason"), answer::toString);
            assertEquals(1, answer.getInt("c"), "invalid request, not a wrong password");
        }
    }

    @Test
    void friendRequests_areBoundedPerDay_andWhileTheyWait() {
        TestUser gina = people.user("gina");
        Login ginaLogin = people.login(gina, "phone");
        TestUser[] others = new TestUser[4];
        Login[] otherLogins = new Login[4];
        for (int i = 0; i < others.length; i++) {
            others[i] = people.user("peer" + i);
            otherLogins[i] = people.login(others[i], "phone");
        }
        String first = request(ginaLogin, others[0]).json().getString("id");
        request(ginaLogin, others[1]);
        Rest.Reply third = rest.post("/api/friends/requests", obj("to", others[2].uid()), ginaLogin.token());
        assertEquals(409, third.status(), third::toString);
        assertEquals("too_many_open_requests", third.reason());
        assertEquals(2, Db.count("select count(*) from friend_request r join app_user u on u.id = r.from_user_id where u.account = ?",
                gina.account()), "the refused request was not stored");
        assertEquals(200, rest.post("/api/friends/requests", obj("to", others[1].uid()), ginaLogin.token()).status(),
                "asking again for an open request is free");

        Rest.Reply rejected = rest.post("/api/friends/requests/" + first + "/reject", "{}", otherLogins[0].token());
        assertEquals(200, rejected.status(), rejected::toString);
        request(ginaLogin, others[2]);
        // Three opened today: the daily bound, whatever became of them.
        Rest.Reply fourth = rest.post("/api/friends/requests", obj("to", others[3].uid()), ginaLogin.token());
        assertEquals(429, fourth.status(), fourth::toString);
        assertEquals("rate_limited", fourth.reason());

        // Waiting for one user: two senders fill hank's box, a third waits.
        TestUser hank = people.user("hank");
        request(otherLogins[1], hank);
        request(otherLogins[2], hank);
        Rest.Reply full = rest.post("/api/friends/requests", obj("to", hank.uid()), otherLogins[3].token());
        assertEquals(409, full.status(), full::toString);
        assertEquals("too_many_open_requests", full.reason());
    }

    private static Rest.Reply request(Login from, TestUser to) {
        Rest.Reply reply = rest.post("/api/friends/requests", obj("to", to.uid()), from.token());
        assertEquals(201, reply.status(), reply::toString);
        return reply;
    }

    private static Answer login(String source, TestUser user, String password) {
        return RawHttp.postJson(source, base, "/api/auth/login",
                obj("account", user.account(), "password", password, "did", "limit-test").toString());
    }
}
