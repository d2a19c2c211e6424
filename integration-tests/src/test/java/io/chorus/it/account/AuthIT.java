package io.chorus.it.account;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Sign-up, log-in, refresh and log-out against the real server (PostgreSQL). */
class AuthIT extends BlackBoxIT {

    @Test
    void signup_returnsOpaqueUidAndProfile() {
        String account = Users.uniqueAccount("alice");
        Rest.Reply reply = rest.post("/api/auth/signup", obj("account", account, "password", Users.PASSWORD, "nickname", "Alice").toString());

        assertEquals(201, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertEquals(account, body.getString("account"));
        assertEquals("Alice", body.getString("nickname"));
        assertTrue(body.getString("uid").length() >= 8, "uid is opaque, not a small integer");
        assertTrue(!body.getString("uid").chars().allMatch(Character::isDigit));
    }

    @Test
    void login_thenMe_showsTheCaller() {
        TestUser user = people.user("bob");
        Login login = people.login(user, "phone-1");

        Rest.Reply me = rest.get("/api/me", login.token());
        assertEquals(200, me.status(), me::toString);
        assertEquals(user.uid(), me.json().getString("uid"));
        assertEquals(user.account(), me.json().getString("account"));
    }

    @Test
    void login_answersTokensAndLifetime() {
        TestUser user = people.user("carol");
        Rest.Reply reply = rest.post("/api/auth/login",
                obj("account", user.account(), "password", Users.PASSWORD, "did", "d1", "cos", "ios", "dname", "Carol's phone", "vsn", "1.0.0").toString());

        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertEquals(user.uid(), body.getString("uid"));
        assertEquals(7200, body.getInt("expires_in"));
        assertNotEquals(body.getString("token"), body.getString("refreshtoken"));
    }

    @Test
    void refresh_givesAWorkingAccessToken() {
        Login login = people.loggedIn("dave", "laptop");

        Rest.Reply refreshed = rest.post("/api/auth/refresh", obj("refreshtoken", login.refreshToken()).toString());
        assertEquals(200, refreshed.status(), refreshed::toString);
        String token = refreshed.json().getString("token");
        assertEquals(200, rest.get("/api/me", token).status());
    }

    @Test
    void refresh_withAnAccessToken_isRefused() {
        Login login = people.loggedIn("erin", "laptop");

        Rest.Reply reply = rest.post("/api/auth/refresh", obj("refreshtoken", login.token()).toString());
        assertEquals(401, reply.status(), reply::toString);
        assertEquals(706, reply.code());
    }

    @Test
    void logout_revokesAccessAndRefreshTokensOfThatDeviceOnly() {
        TestUser user = people.user("frank");
        Login phone = people.login(user, "phone");
        Login laptop = people.login(user, "laptop");

        Rest.Reply logout = rest.post("/api/auth/logout", (String) null, phone.token());
        assertEquals(204, logout.status(), logout::toString);

        Rest.Reply me = rest.get("/api/me", phone.token());
        assertEquals(401, me.status());
        assertTrue(me.isProblem());
        assertEquals(706, me.code());
        Rest.Reply refresh = rest.post("/api/auth/refresh", obj("refreshtoken", phone.refreshToken()).toString());
        assertEquals(401, refresh.status());
        assertEquals(200, rest.get("/api/me", laptop.token()).status(), "the other device is untouched");
    }

    @Test
    void loggingInAgainOnADevice_retiresItsEarlierTokens() {
        TestUser user = people.user("gina");
        Login first = people.login(user, "tablet");
        Login second = people.login(user, "tablet");

        assertEquals(401, rest.get("/api/me", first.token()).status());
        assertEquals(200, rest.get("/api/me", second.token()).status());
    }

    @Test
    void wrongPasswordAndUnknownAccount_getTheSameAnswer() {
        TestUser user = people.user("hank");
        Rest.Reply wrongPassword = rest.post("/api/auth/login",
                obj("account", user.account(), "password", "not the password", "did", "d").toString());
        Rest.Reply unknownAccount = rest.post("/api/auth/login",
                obj("account", Users.uniqueAccount("nobody"), "password", "not the password", "did", "d").toString());

        assertEquals(401, wrongPassword.status());
        assertTrue(wrongPassword.isProblem());
        assertEquals("bad_credentials", wrongPassword.reason());
        assertEquals(wrongPassword.status(), unknownAccount.status());
        assertEquals(wrongPassword.body(), unknownAccount.body());
    }

    @Test
    void accountNames_areCaseInsensitive() {
        TestUser user = people.user("ivy");
        Rest.Reply reply = rest.post("/api/auth/login",
                obj("account", user.account().toUpperCase(), "password", Users.PASSWORD, "did", "d").toString());
        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void protectedResource_withoutToken_isProblem706() {
        Rest.Reply reply = rest.get("/api/me", null);
        assertEquals(401, reply.status());
        assertTrue(reply.isProblem());
        assertEquals(706, reply.code());
    }

    @Test
    void protectedResource_withForgedToken_isProblem706() {
        Rest.Reply reply = rest.get("/api/me", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        assertEquals(401, reply.status());
        assertEquals(706, reply.code());
    }

    @Test
    void protectedResource_withExpiredToken_isProblem705() {
        Login login = people.loggedIn("expired", "d1");
        Rest.Reply reply = rest.get("/api/me", io.chorus.it.support.Tokens.expiredCopyOf(login.token()));
        assertEquals(401, reply.status(), reply::toString);
        assertTrue(reply.isProblem());
        assertEquals(705, reply.code());
        assertEquals("token_expired", reply.reason());
    }
}
