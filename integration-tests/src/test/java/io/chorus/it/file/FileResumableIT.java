package io.chorus.it.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.FileTransfer;
import io.chorus.it.support.FileTransfer.Downloaded;
import io.chorus.it.support.Server;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Resumable uploads, tus 1.0 (docs/FILES.md): a cut connection loses nothing that arrived. */
class FileResumableIT extends BlackBoxIT {
    private static final String PART = "application/offset+octet-stream";
    private final FileTransfer files = new FileTransfer(Server.baseUri());

    private String create(Login owner, String peerUid, String name, long length) {
        Downloaded created = files.exchange("POST", owner.token(), "/api/conversations/C2C/" + peerUid + "/uploads",
                Map.of("Tus-Resumable", "1.0.0", "Upload-Length", Long.toString(length),
                        "Upload-Metadata", "filename " + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8))), null);
        assertEquals(201, created.status(), () -> new String(created.bytes(), StandardCharsets.UTF_8));
        assertEquals("0", created.header("Upload-Offset"));
        return created.header("Location").substring(created.header("Location").indexOf("/api/uploads/"));
    }

    private long offset(Login owner, String upload) {
        Downloaded head = files.exchange("HEAD", owner.token(), upload, Map.of("Tus-Resumable", "1.0.0"), null);
        assertEquals(200, head.status());
        return Long.parseLong(head.header("Upload-Offset"));
    }

    private Downloaded patch(Login owner, String upload, long offset, byte[] bytes) {
        return files.exchange("PATCH", owner.token(), upload,
                Map.of("Tus-Resumable", "1.0.0", "Content-Type", PART, "Upload-Offset", Long.toString(offset)), bytes);
    }

    /** A PATCH whose connection is cut after {@code sent} of the announced bytes. */
    private static void cutPatch(Login owner, String upload, long offset, byte[] announced, int sent) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", Server.baseUri().getPort()), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + owner.token() + "\r\n"
                    + "Tus-Resumable: 1.0.0\r\nContent-Type: " + PART + "\r\nUpload-Offset: " + offset + "\r\n"
                    + "Content-Length: " + announced.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(announced, 0, sent);
            out.flush();
            socket.setSoLinger(true, 0);
        }
    }

    @Test
    void uploadCutOff_resumesFromWhatArrived_andBecomesTheSameFile() throws IOException {
        Login alice = people.loggedIn("alice", "phone");
        Login bob = people.login(people.user("bob"), "phone");
        byte[] bytes = new byte[3 * 1024 * 1024];
        FileTransfer.fillRandom(bytes);
        String upload = create(alice, bob.uid(), "holiday.mp4", bytes.length);

        Downloaded first = patch(alice, upload, 0, Arrays.copyOfRange(bytes, 0, 1_000_000));
        assertEquals(204, first.status());
        assertEquals("1000000", first.header("Upload-Offset"));

        cutPatch(alice, upload, 1_000_000, Arrays.copyOfRange(bytes, 1_000_000, bytes.length), 700_000);
        long resumeAt = Awaitility.await("the cut part kept").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> offset(alice, upload), at -> at > 1_000_000);
        assertTrue(resumeAt <= 1_700_000, "at most what was sent: " + resumeAt);

        Downloaded last = patch(alice, upload, resumeAt, Arrays.copyOfRange(bytes, (int) resumeAt, bytes.length));
        assertEquals(204, last.status(), () -> new String(last.bytes(), StandardCharsets.UTF_8));
        assertEquals(Integer.toString(bytes.length), last.header("Upload-Offset"));
        String fid = last.header("X-Chorus-File");
        assertNotNull(fid);
        assertArrayEquals(bytes, files.download(bob.token(), "/api/files/" + fid, Map.of()).bytes());
        assertEquals(fid, files.exchange("HEAD", alice.token(), upload, Map.of(), null).header("X-Chorus-File"));
    }

    @Test
    void wrongOffset_isRefused_andAnotherUsersUploadIsUnknown() {
        Login alice = people.loggedIn("alice", "phone");
        TestUser bob = people.user("bob");
        Login eve = people.loggedIn("eve", "phone");
        String upload = create(alice, bob.uid(), "a.bin", 100);

        assertEquals(409, patch(alice, upload, 10, new byte[10]).status());
        assertEquals(404, files.exchange("HEAD", eve.token(), upload, Map.of(), null).status());
        assertEquals(404, patch(eve, upload, 0, new byte[10]).status());
        assertEquals(0, offset(alice, upload), "nothing changed");
        assertEquals(413, files.exchange("POST", alice.token(), "/api/conversations/C2C/" + bob.uid() + "/uploads",
                Map.of("Upload-Length", Long.toString(1L << 40)), null).status());
    }
}
