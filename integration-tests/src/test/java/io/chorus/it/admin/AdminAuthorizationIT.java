package io.chorus.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every admin endpoint, walked as an ordinary user (403), without a token (401) and as the
 * administrator (not refused): the container's role check, not one written per method.
 */
class AdminAuthorizationIT extends BlackBoxIT {

    @Test
    void everyAdminEndpoint_isForbiddenToUsers_andClosedWithoutAToken_andChangesNothing() {
        TestUser victim = people.user("victim");
        Login user = people.loggedIn("mallory", "phone");
        Login victimPhone = people.login(victim, "phone");
        String gid = people.group(victimPhone, "Private");
        List<String[]> endpoints = List.of(
                new String[] {"GET", "/api/admin/figures", null},
                new String[] {"GET", "/api/admin/users?q=vic", null},
                new String[] {"GET", "/api/admin/users/" + victim.uid(), null},
                new String[] {"POST", "/api/admin/users/" + victim.uid() + "/disable", "{}"},
                new String[] {"POST", "/api/admin/users/" + victim.uid() + "/enable", "{}"},
                new String[] {"POST", "/api/admin/users/" + victim.uid() + "/kick", "{}"},
                new String[] {"POST", "/api/admin/users/" + victim.uid() + "/devices/phone/kick", "{}"},
                new String[] {"POST", "/api/admin/notices", "{\"text\":\"pwned\"}"},
                new String[] {"GET", "/api/admin/groups/" + gid, null});

        Map<String, String> before = Db.snapshot();
        for (String[] endpoint : endpoints) {
            Rest.Reply asUser = rest.send(endpoint[0], endpoint[1], endpoint[2], user.token());
            assertEquals(403, asUser.status(), () -> "as a user: " + String.join(" ", endpoint[0], endpoint[1]) + " " + asUser);
            assertTrue(asUser.isProblem());
            Rest.Reply anonymous = rest.send(endpoint[0], endpoint[1], endpoint[2], null);
            assertEquals(401, anonymous.status(), () -> "without a token: " + endpoint[1] + " " + anonymous);
        }
        assertEquals(before, Db.snapshot(), "nothing changed");

        Login admin = Admins.login(rest, "console");
        for (String[] endpoint : endpoints) {
            if (endpoint[1].endsWith("/disable")) {
                continue; // the victim stays enabled; disabling is covered by AdminIT
            }
            Rest.Reply asAdmin = rest.send(endpoint[0], endpoint[1], endpoint[2], admin.token());
            assertTrue(asAdmin.status() < 300, () -> "as the admin: " + endpoint[1] + " " + asAdmin);
        }
    }
}
