package io.chorus.it.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.FileTransfer;
import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The file clean-up on a node with the embedded defaults (H2, the filesystem store in its data
 * directory, as the README's run command has them) and a grace period of 5 s: files no message
 * names go, bytes and all; a file a message names stays.
 */
class FileCleanupIT {
    @Test
    void unreferencedFilesAreDeleted_referencedOnesStay() {
        try (ServerProcess node = ServerProcess.prepare("files-clean", 1600, ServerProcess.env(
                "CHORUS_FILES_UNREFERENCED_GRACE_SECONDS", "5", "CHORUS_FILES_CLEANUP_INTERVAL_SECONDS", "1")).start()) {
            People people = new People(new Rest(node.baseUri()));
            FileTransfer files = new FileTransfer(node.baseUri());
            TestUser alice = people.user("alice");
            TestUser bob = people.friendOf(alice, "bob");
            Login aPhone = people.login(alice, "phone");
            byte[] forgotten = new byte[10_000];
            byte[] sent = new byte[12_000];
            ThreadLocalRandom.current().nextBytes(forgotten);
            ThreadLocalRandom.current().nextBytes(sent);
            JsonObject unused = files.upload(aPhone.token(), "C2C", bob.uid(), "draft.bin", forgotten).json();
            JsonObject used = files.upload(aPhone.token(), "C2C", bob.uid(), "report.bin", sent).json();
            try (WsClient ws = people.connect(aPhone)) {
                JsonObject payload = Json.createObjectBuilder().add("msg_type", "file")
                        .add("file", Json.createObjectBuilder().add("id", used.getString("id")).add("name", "report.bin")).build();
                ws.send(Json.createObjectBuilder().add("type", "C2C").add("id", "cleanup" + ThreadLocalRandom.current().nextInt(1_000_000))
                        .add("to", bob.uid()).add("created_at", 1).add("payload", payload).build().toString());
                assertEquals("C2C_SERVER_ACK", ws.nextJson().getString("type"));
            }
            Path unusedBytes = object(node, FileTransfer.sha256(forgotten));
            assertTrue(Files.exists(unusedBytes));

            Awaitility.await("the unreferenced file deleted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> files.download(aPhone.token(), "/api/files/" + unused.getString("id"), Map.of()).status() == 404
                            && !Files.exists(unusedBytes));
            assertArrayEquals(sent, files.download(aPhone.token(), "/api/files/" + used.getString("id"), Map.of()).bytes());
            assertTrue(Files.exists(object(node, FileTransfer.sha256(sent))));
        }
    }

    private static Path object(ServerProcess node, String sha256) {
        return node.baseDir().resolve("data/chorus/files/sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
