package io.chorus.it.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.FileTransfer;
import io.chorus.it.support.FileTransfer.Downloaded;
import io.chorus.it.support.FileTransfer.Uploaded;
import io.chorus.it.support.People;
import io.chorus.it.support.PngBomb;
import io.chorus.it.support.Rest;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files on a node whose store is S3: a real S3-compatible server (S3Proxy, started by the build
 * through scripts/s3.sh on 127.0.0.1) reached through the AWS SDK, signature v4, path-style.
 * S3Proxy keeps its objects as files, so the test can see what was, and was not, stored.
 */
class FileS3IT {
    private static final String BUCKET = "chorus-files";
    private static final int HEAP_MIB = 320;
    private static final long BIG_FILE = 400L * 1024 * 1024;
    private static ServerProcess node;
    private static People people;
    private static FileTransfer files;

    @BeforeAll
    static void startNode() {
        String endpoint = "http://127.0.0.1:" + System.getProperty("chorus.s3.port", "55490");
        node = ServerProcess.prepare("files-s3", 1500, ServerProcess.postgres(
                "CHORUS_FILES_STORE", "s3",
                "CHORUS_FILES_S3_ENDPOINT", endpoint,
                "CHORUS_FILES_S3_BUCKET", BUCKET,
                "CHORUS_FILES_S3_REGION", "us-east-1",
                "CHORUS_FILES_S3_ACCESS_KEY", "chorus",
                "CHORUS_FILES_S3_SECRET_KEY", "chorus-secret",
                "CHORUS_FILES_S3_PATH_STYLE", "true",
                // The heap is capped below the size of the file the last test sends through it.
                "CHORUS_FILES_MAX_BYTES", Long.toString(BIG_FILE + 1),
                "JAVA_OPTS", "-Xms128m -Xmx" + HEAP_MIB + "m -Djava.net.preferIPv4Stack=true")).start();
        people = new People(new Rest(node.baseUri()));
        files = new FileTransfer(node.baseUri());
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    private static Path bucketObject(String key) {
        return Path.of(System.getProperty("chorus.s3.dir", "/tmp/chorus-s3-55490"), "data", BUCKET).resolve(key);
    }

    private static byte[] random(int size) {
        return FileTransfer.randomContent(size);
    }

    @Test
    void upload_goesToTheBucket_andMembersReadItBackWithRanges() {
        Login alice = people.loggedIn("alice", "phone");
        Login bob = people.login(people.user("bob"), "phone");
        Login eve = people.loggedIn("eve", "phone");
        byte[] bytes = random(400_000);
        String sha256 = FileTransfer.sha256(bytes);

        Uploaded up = files.upload(alice.token(), "C2C", bob.uid(), "clip.bin", bytes);

        assertEquals(201, up.status(), up::body);
        assertTrue(Files.isRegularFile(bucketObject("sha256/" + sha256.substring(0, 2) + "/" + sha256)), "the object is in the bucket");
        assertArrayEquals(bytes, files.download(bob.token(), "/api/files/" + up.id(), Map.of()).bytes());
        Downloaded part = files.download(bob.token(), "/api/files/" + up.id(), Map.of("Range", "bytes=1000-1999"));
        assertEquals(206, part.status());
        assertArrayEquals(Arrays.copyOfRange(bytes, 1000, 2000), part.bytes());
        assertEquals(404, files.download(eve.token(), "/api/files/" + up.id(), Map.of()).status());
    }

    @Test
    void refusedUpload_leavesNothingInTheBucket() {
        Login alice = people.loggedIn("alice", "phone");
        TestUser bob = people.user("bob");
        byte[] bomb = PngBomb.pngBomb(90_000 + ThreadLocalRandom.current().nextInt(1000), 90_000);
        String sha256 = FileTransfer.sha256(bomb);

        Uploaded refused = files.upload(alice.token(), "C2C", bob.uid(), "cat.png", bomb);

        assertEquals(422, refused.status(), refused::body);
        assertFalse(Files.exists(bucketObject("sha256/" + sha256.substring(0, 2) + "/" + sha256)));
    }

    @Test
    void image_getsItsThumbnailStoredInTheBucketToo() {
        Login alice = people.loggedIn("alice", "phone");
        Login bob = people.login(people.user("bob"), "phone");
        byte[] png = FileTransfer.png(640 + ThreadLocalRandom.current().nextInt(100), 480);

        Uploaded up = files.upload(alice.token(), "C2C", bob.uid(), "photo.png", png);
        assertEquals(201, up.status(), up::body);

        Downloaded thumbnail = Awaitility.await("thumbnail").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> files.download(bob.token(), "/api/files/" + up.id() + "/thumbnail", Map.of()), d -> d.status() == 200);
        assertEquals(320, FileTransfer.image(thumbnail.bytes()).getWidth());
        assertTrue(Files.isRegularFile(bucketObject("thumbnails/" + FileTransfer.sha256(png) + ".png")));
    }

    @Test
    void resumableUpload_keepsItsPartsInTheBucket_untilTheyBecomeTheFile() throws IOException {
        Login alice = people.loggedIn("alice", "phone");
        Login bob = people.login(people.user("bob"), "phone");
        byte[] bytes = random(2_000_000);
        FileTransfer.Downloaded created = files.exchange("POST", alice.token(), "/api/conversations/C2C/" + bob.uid() + "/uploads",
                Map.of("Tus-Resumable", "1.0.0", "Upload-Length", Integer.toString(bytes.length)), null);
        assertEquals(201, created.status());
        String upload = created.header("Location").substring(created.header("Location").indexOf("/api/uploads/"));
        String uploadId = upload.substring("/api/uploads/".length());
        Map<String, String> part = Map.of("Tus-Resumable", "1.0.0", "Content-Type", "application/offset+octet-stream", "Upload-Offset", "0");

        assertEquals(204, files.exchange("PATCH", alice.token(), upload, part, Arrays.copyOfRange(bytes, 0, 1_200_000)).status());
        Path parts = bucketObject("uploads/" + uploadId);
        try (var listed = Files.list(parts)) {
            assertEquals(1, listed.count(), "the first part is an object in the bucket");
        }
        FileTransfer.Downloaded last = files.exchange("PATCH", alice.token(), upload, Map.of("Tus-Resumable", "1.0.0",
                "Content-Type", "application/offset+octet-stream", "Upload-Offset", "1200000"), Arrays.copyOfRange(bytes, 1_200_000, bytes.length));
        assertEquals(204, last.status());
        assertArrayEquals(bytes, files.download(bob.token(), "/api/files/" + last.header("X-Chorus-File"), Map.of()).bytes());
        assertFalse(Files.exists(parts) && Files.list(parts).findAny().isPresent(), "the parts are gone once joined");
    }

    /** 400 MiB through a server whose heap is 320 MiB: only streaming gets it there and back. */
    @Test
    void aFileLargerThanTheServersHeap_roundTripThroughTheBucket_identicalBytes() throws IOException {
        Login alice = people.loggedIn("alice", "phone");
        Login bob = people.login(people.user("bob"), "phone");
        long size = BIG_FILE;
        long seed = ThreadLocalRandom.current().nextLong();
        String expected;
        try (InputStream in = FileTransfer.generated(seed, size)) {
            expected = FileTransfer.sha256(in);
        }

        Uploaded up = files.upload(alice.token(), "C2C", bob.uid(), "video.bin", () -> FileTransfer.generated(seed, size), size);

        assertEquals(201, up.status(), up::body);
        assertEquals(expected, up.json().getString("sha256"));
        assertEquals(expected, files.downloadSha256(bob.token(), up.id()));
    }
}
