package io.chorus.it.account;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input on the account endpoints: a clear problem+json answer and no change in the database. */
class AuthBadInputIT extends BlackBoxIT {
    private static final String LONG = "x".repeat(70_000);

    static Stream<Arguments> badSignups() {
        String fresh = Users.uniqueAccount("bad");
        return Stream.of(
                Arguments.of("no body", null, 400, "invalid_field"),
                Arguments.of("not json", "{account:", 400, "malformed"),
                Arguments.of("json array", "[1,2]", 400, "malformed"),
                Arguments.of("missing account", obj("password", Users.PASSWORD).toString(), 400, "invalid_field"),
                Arguments.of("missing password", obj("account", fresh).toString(), 400, "invalid_field"),
                Arguments.of("account of wrong type", "{\"account\":{\"x\":1},\"password\":\"" + Users.PASSWORD + "\"}", 400, "malformed"),
                Arguments.of("password of wrong type", "{\"account\":\"" + fresh + "\",\"password\":[1]}", 400, "malformed"),
                Arguments.of("account too short", obj("account", "ab", "password", Users.PASSWORD).toString(), 400, "invalid_field"),
                Arguments.of("account with spaces", obj("account", "a b c", "password", Users.PASSWORD).toString(), 400, "invalid_field"),
                Arguments.of("account too long", obj("account", "a".repeat(65), "password", Users.PASSWORD).toString(), 400, "invalid_field"),
                Arguments.of("password too short", obj("account", fresh, "password", "short").toString(), 400, "invalid_field"),
                Arguments.of("password too long", obj("account", fresh, "password", "p".repeat(129)).toString(), 400, "invalid_field"),
                Arguments.of("nickname with control chars", obj("account", fresh, "password", Users.PASSWORD, "nickname", "a\u0000b").toString(), 400, "invalid_field"),
                Arguments.of("oversize body", obj("account", fresh, "password", Users.PASSWORD, "nickname", LONG).toString(), 413, "payload_too_large"));
    }

    @ParameterizedTest(name = "signup with {0}")
    @MethodSource("badSignups")
    void signup_withBadInput_isRefusedAndChangesNothing(String label, String body, int status, String reason) {
        Map<String, String> before = Db.snapshot();

        Rest.Reply reply = rest.post("/api/auth/signup", body);

        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.isProblem(), reply::toString);
        assertEquals(reason, reply.reason(), reply::toString);
        assertEquals(1, reply.code());
        assertEquals(before, Db.snapshot(), "a refused signup changes nothing");
    }

    @Test
    void signup_withTakenAccount_isConflictAndKeepsTheOriginal() {
        TestUser original = people.user("taken");
        Map<String, String> before = Db.snapshot();

        Rest.Reply reply = rest.post("/api/auth/signup",
                obj("account", original.account().toUpperCase(), "password", "another password").toString());

        assertEquals(409, reply.status(), reply::toString);
        assertEquals("account_taken", reply.reason());
        assertEquals(3, reply.code(), "a person should see this one");
        assertEquals(before, Db.snapshot());
        people.login(original, "d1"); // the original password still works
    }

    static Stream<Arguments> badLogins() {
        return Stream.of(
                Arguments.of("missing did", obj("account", "someone", "password", Users.PASSWORD).toString(), 400, "invalid_field"),
                Arguments.of("did with spaces", obj("account", "someone", "password", Users.PASSWORD, "did", "a b").toString(), 400, "invalid_field"),
                Arguments.of("did too long", obj("account", "someone", "password", Users.PASSWORD, "did", "d".repeat(65)).toString(), 400, "invalid_field"),
                Arguments.of("dname too long", obj("account", "someone", "password", Users.PASSWORD, "did", "d", "dname", "n".repeat(129)).toString(), 400, "invalid_field"),
                Arguments.of("not json", "nope", 400, "malformed"),
                Arguments.of("missing password", obj("account", "someone", "did", "d").toString(), 401, "bad_credentials"));
    }

    @ParameterizedTest(name = "login with {0}")
    @MethodSource("badLogins")
    void login_withBadInput_isRefusedAndChangesNothing(String label, String body, int status, String reason) {
        Map<String, String> before = Db.snapshot();

        Rest.Reply reply = rest.post("/api/auth/login", body);

        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.isProblem());
        assertEquals(reason, reply.reason());
        assertEquals(before, Db.snapshot());
    }

    @Test
    void login_withWrongPassword_createsNoDevice() {
        TestUser user = people.user("nodev");
        Map<String, String> before = Db.snapshot();

        Rest.Reply reply = rest.post("/api/auth/login", obj("account", user.account(), "password", "wrong password", "did", "new-device").toString());

        assertEquals(401, reply.status());
        assertEquals(before, Db.snapshot());
    }

    @Test
    void refresh_withGarbage_isProblem706() {
        Rest.Reply reply = rest.post("/api/auth/refresh", obj("refreshtoken", "garbage").toString());
        assertEquals(401, reply.status());
        assertEquals(706, reply.code());
        assertEquals("token_invalid", reply.reason());
    }

    @Test
    void unknownPath_isProblem404() {
        Users.Login login = people.loggedIn("lost", "d");
        Rest.Reply reply = rest.get("/api/no-such-thing", login.token());
        assertEquals(404, reply.status());
        assertTrue(reply.isProblem());
    }

    @Test
    void concurrentSignupsOfOneAccount_createExactlyOne() throws Exception {
        String account = Users.uniqueAccount("race");
        String body = obj("account", account, "password", Users.PASSWORD).toString();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var replies = new java.util.ArrayList<java.util.concurrent.Future<Rest.Reply>>();
            for (int i = 0; i < 8; i++) {
                replies.add(pool.submit(() -> rest.post("/api/auth/signup", body)));
            }
            int created = 0;
            for (var reply : replies) {
                Rest.Reply r = reply.get();
                if (r.status() == 201) {
                    created++;
                } else {
                    assertEquals(409, r.status(), r::toString);
                    assertEquals("account_taken", r.reason());
                }
            }
            assertEquals(1, created);
            assertEquals(1, Db.count("select count(*) from app_user where account = ?", account));
        } finally {
            pool.shutdownNow();
        }
    }
}
