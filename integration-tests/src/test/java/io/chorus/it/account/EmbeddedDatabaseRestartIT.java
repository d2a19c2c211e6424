package io.chorus.it.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.Rest;
import io.chorus.it.support.Server;
import io.chorus.it.support.WsClient;
import java.time.Duration;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run command's defaults (H2 file database, embedded Artemis): accounts survive a restart,
 * graceful or kill -9. Runs its own node on a port offset, so it needs no Arquillian deployment.
 * The node also gets a short socket idle timeout through an environment variable, which proves
 * that configuration reaches the web module.
 */
class EmbeddedDatabaseRestartIT {

    @Test
    void accountsAndDevices_surviveGracefulRestartAndKill() {
        try (ServerProcess node = ServerProcess.prepare("h2", 300, Map.of("CHORUS_WS_IDLE_TIMEOUT_SECONDS", "2"))) {
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

            Login socketLogin = Users.login(rest, second, "idle");
            try (WsClient client = WsClient.connect(Server.wsUri(node.baseUri(), "/ws"),
                    Map.of("Authorization", socketLogin.token(), "did", "idle"))) {
                client.send("ping");
                assertEquals("pong2", client.nextText(Duration.ofSeconds(10)));
                long silentSince = System.nanoTime();
                client.awaitClose(Duration.ofSeconds(20));
                long silentMillis = (System.nanoTime() - silentSince) / 1_000_000;
                assertTrue(silentMillis >= 1500, "closed for idleness, not at once: " + silentMillis + " ms");
            }
        }
    }
}
