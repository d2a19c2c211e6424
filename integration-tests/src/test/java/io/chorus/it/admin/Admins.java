package io.chorus.it.admin;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;

/** The administrator the server makes from its default configuration (chorus.admin.*). */
public final class Admins {
    static final String ACCOUNT = "admin";
    static final String PASSWORD = "chorus-admin-dev";

    private Admins() {
    }

    public static Login login(Rest rest, String did) {
        Rest.Reply reply = rest.post("/api/auth/login", obj("account", ACCOUNT, "password", PASSWORD, "did", did).toString());
        assertEquals(200, reply.status(), reply::toString);
        return new Login(new TestUser(ACCOUNT, reply.json().getString("uid")), did, reply.json().getString("token"),
                reply.json().getString("refreshtoken"));
    }
}
