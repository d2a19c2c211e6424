package io.chorus.it.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.it.support.Rest;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run command's defaults (H2 file database, embedded Artemis): accounts survive a restart,
 * graceful or kill -9. Runs its own node on a port offset, so it needs no Arquillian deployment.
 */
class EmbeddedDatabaseRestartIT {

    @Test
    void accountsAndDevices_surviveGracefulRestartAndKill() {
        try (ServerProcess node = ServerProcess.prepare("h2", 300, Map.of())) {
            node.start();
            Rest rest = new Rest(node.baseUri());
            TestUser user = Users.signup(rest, "persist");
            Login login = Users.login(rest, user, "desk");

            node.stop();
            node.start();
            assertEquals(200, rest.get("/api/me", login.token()).status(), "token of a stored device still valid");

            TestUser second = Users.signup(rest, "persist2");
            node.kill();
            node.start();
            Users.login(rest, user, "desk");
            Users.login(rest, second, "desk");
        }
    }
}
