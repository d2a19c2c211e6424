package io.chorus.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The pool's statement timeout (docs/DEPLOYMENT.md): a statement that waits longer than
 * {@code CHORUS_DB_STATEMENT_TIMEOUT} (9 s) is cancelled by PostgreSQL itself, just before the
 * driver's read timeout (10 s) would give up on it. Without it the driver gave up, the client was
 * answered, and the statement went on in PostgreSQL with nobody waiting for it — holding its locks
 * and the vacuum horizon for as long as it ran (docs/PERFORMANCE.md step 11).
 */
class StatementTimeoutIT extends BlackBoxIT {

    @Test
    void aStatementStuckBehindALock_isCancelledByPostgresql_answeredUnavailable_andChangesNothing() throws SQLException {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        people.befriend(alice, bob);
        Login phone = people.login(alice, "phone");
        String path = "/api/friends/" + bob.uid();
        String remarkBefore = remark(phone, bob);

        Rest.Reply stuck;
        long tookMillis;
        try (Connection holder = Db.connect(); Statement statement = holder.createStatement()) {
            // Reads go on; every write to friendship waits for this transaction.
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE friendship IN SHARE MODE");

            long start = System.nanoTime();
            stuck = rest.send("PATCH", path, Rest.obj("remark", "stuck").toString(), phone.token());
            tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

            // Still holding the lock: nothing of the server's waits on it any more. Cancelled by the
            // driver's read timeout alone, its UPDATE would wait here until the lock is released.
            assertEquals(0, Db.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND wait_event_type = 'Lock' AND pid <> ?", pid(holder)), "a statement of the server still waits on the lock");
            holder.rollback();
        }

        assertEquals(503, stuck.status(), stuck::toString);
        assertEquals("unavailable", stuck.reason());
        assertTrue(tookMillis < 10_000, "answered by PostgreSQL's cancel, before the driver's 10 s read timeout: " + tookMillis + " ms");
        // A slow statement is not a database out of reach: the next request is served at once
        // (DatabaseReach's breaker stayed closed), and the failed one changed nothing.
        assertEquals(remarkBefore, remark(phone, bob), "the cancelled update changed nothing");
        Rest.Reply again = rest.send("PATCH", path, Rest.obj("remark", "now").toString(), phone.token());
        assertEquals(204, again.status(), again::toString);
        assertEquals("\"now\"", remark(phone, bob));
    }

    /** How {@code login}'s user lists {@code friend}: its remark as JSON ("null" when it has none); asked at once. */
    private String remark(Login login, TestUser friend) {
        Rest.Reply friends = rest.get("/api/friends", login.token());
        assertEquals(200, friends.status(), friends::toString);
        return String.valueOf(friends.structure().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getString("uid").equals(friend.uid())).findFirst().orElseThrow().get("remark"));
    }

    private static long pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
