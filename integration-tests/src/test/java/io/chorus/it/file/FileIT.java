package io.chorus.it.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.FileTransfer;
import io.chorus.it.support.FileTransfer.Downloaded;
import io.chorus.it.support.FileTransfer.Uploaded;
import io.chorus.it.support.PngBomb;
import io.chorus.it.support.Server;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Files on the provisioned WildFly with its default store, the server's data directory (docs/FILES.md). */
class FileIT extends BlackBoxIT {
    private final FileTransfer files = new FileTransfer(Server.baseUri());

    private static Path storedObject(String sha256) {
        return Path.of(System.getProperty("jboss.home"), "standalone/data/chorus/files/sha256", sha256.substring(0, 2), sha256);
    }

    private static byte[] random(int size) {
        return FileTransfer.randomContent(size);
    }

    @Test
    void upload_directFile_bothPeersReadTheSameBytes_aStrangerGetsNotFound() {
        Login alice = people.loggedIn("alice", "phone");
        Login bob = people.login(people.user("bob"), "phone");
        Login eve = people.loggedIn("eve", "phone");
        byte[] bytes = random(300_000);

        Uploaded up = files.upload(alice.token(), "C2C", bob.uid(), "report.bin", bytes);

        assertEquals(201, up.status(), up::body);
        JsonObject file = up.json();
        assertEquals("report.bin", file.getString("name"));
        assertEquals(bytes.length, file.getJsonNumber("size").longValue());
        assertEquals(FileTransfer.sha256(bytes), file.getString("sha256"));
        assertEquals(alice.uid(), file.getString("owner"));
        assertTrue(Files.isRegularFile(storedObject(file.getString("sha256"))), "the bytes are in the data directory");
        assertArrayEquals(bytes, files.download(bob.token(), "/api/files/" + up.id(), Map.of()).bytes());
        assertArrayEquals(bytes, files.download(alice.token(), "/api/files/" + up.id(), Map.of()).bytes());
        Downloaded stranger = files.download(eve.token(), "/api/files/" + up.id(), Map.of());
        assertEquals(404, stranger.status());
        assertEquals(404, files.download(eve.token(), "/api/files/nosuchfile", Map.of()).status());
        assertEquals(401, files.download(null, "/api/files/" + up.id(), Map.of()).status());
    }

    @Test
    void download_servesRangesAndAnswersIfNoneMatchWithNotModified() {
        Login alice = people.loggedIn("alice", "phone");
        TestUser bob = people.user("bob");
        byte[] bytes = random(10_000);
        String fid = files.upload(alice.token(), "C2C", bob.uid(), "voice.bin", bytes).id();
        String path = "/api/files/" + fid;

        Downloaded part = files.download(alice.token(), path, Map.of("Range", "bytes=100-199"));
        assertEquals(206, part.status());
        assertEquals("bytes 100-199/10000", part.header("Content-Range"));
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 100, 200), part.bytes());
        Downloaded tail = files.download(alice.token(), path, Map.of("Range", "bytes=-10"));
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 9_990, 10_000), tail.bytes());
        assertEquals(416, files.download(alice.token(), path, Map.of("Range", "bytes=10000-")).status());

        Downloaded whole = files.download(alice.token(), path, Map.of());
        assertEquals("bytes", whole.header("Accept-Ranges"));
        String etag = whole.header("ETag");
        assertEquals("\"" + FileTransfer.sha256(bytes) + "\"", etag);
        Downloaded again = files.download(alice.token(), path, Map.of("If-None-Match", etag));
        assertEquals(304, again.status());
        assertEquals(0, again.bytes().length);
    }

    @Test
    void groupFile_onlyCurrentMembersRead_andOutsidersCannotUpload() {
        Login owner = people.loggedIn("owner", "phone");
        TestUser member = people.user("member");
        Login memberLogin = people.login(member, "phone");
        Login outsider = people.loggedIn("outsider", "phone");
        String gid = people.group(owner, "files", member);
        byte[] bytes = random(5_000);
        String fid = files.upload(owner.token(), "C2G", gid, "minutes.bin", bytes).id();

        assertArrayEquals(bytes, files.download(memberLogin.token(), "/api/files/" + fid, Map.of()).bytes());
        assertEquals(404, files.download(outsider.token(), "/api/files/" + fid, Map.of()).status());
        Uploaded refused = files.upload(outsider.token(), "C2G", gid, "spam.bin", random(100));
        assertEquals(403, refused.status());
        assertEquals("not_a_member", refused.reason());

        String link = rest.get("/api/files/" + fid + "/link", memberLogin.token()).json().getString("url");
        assertArrayEquals(bytes, files.download(null, link, Map.of()).bytes(), "the member's signed link works without a token");

        assertEquals(204, rest.send("DELETE", "/api/groups/" + gid + "/members/" + member.uid(), null, owner.token()).status());
        assertEquals(404, files.download(memberLogin.token(), "/api/files/" + fid, Map.of()).status(),
                "a former member reads nothing any more");
        assertEquals(404, files.download(null, link, Map.of()).status(), "nor through a link made while a member");
    }

    @Test
    void upload_whoseContentLengthIsOverTheLimit_isRefusedBeforeTheBodyIsSent() throws IOException {
        Login alice = people.loggedIn("alice", "phone");
        TestUser bob = people.user("bob");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", Server.baseUri().getPort()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // Headers only: the server must answer without waiting for 200 MB that never come.
            out.write(("POST /api/conversations/C2C/" + bob.uid() + "/files?name=big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + alice.token() + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 209715200\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", answer);
        }
    }

    @Test
    void upload_ofAnExecutable_isRefused_andNothingIsStored() {
        Login alice = people.loggedIn("alice", "phone");
        TestUser bob = people.user("bob");
        byte[] elf = new byte[4096];
        byte[] header = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};
        System.arraycopy(header, 0, elf, 0, header.length);
        ThreadLocalRandom.current().nextBytes(new byte[0]);
        elf[4000] = (byte) ThreadLocalRandom.current().nextInt();
        elf[4001] = (byte) ThreadLocalRandom.current().nextInt();

        Uploaded refused = files.upload(alice.token(), "C2C", bob.uid(), "holiday.jpg", elf);

        assertEquals(415, refused.status(), refused::body);
        assertEquals("media_type_refused", refused.reason());
        assertFalse(Files.exists(storedObject(FileTransfer.sha256(elf))));
    }

    @Test
    void upload_ofADecompressionBomb_isRefused_andNothingIsStored() {
        Login alice = people.loggedIn("alice", "phone");
        TestUser bob = people.user("bob");
        byte[] bomb = PngBomb.pngBomb(100_000 + ThreadLocalRandom.current().nextInt(1000), 100_000);

        Uploaded refused = files.upload(alice.token(), "C2C", bob.uid(), "cat.png", bomb);

        assertEquals(422, refused.status(), refused::body);
        assertEquals("image_too_large", refused.reason());
        assertFalse(Files.exists(storedObject(FileTransfer.sha256(bomb))));
    }

    @Test
    void upload_ofHtml_isServedAsADownload_neverInline() {
        Login alice = people.loggedIn("alice", "phone");
        TestUser bob = people.user("bob");
        byte[] page = ("<!DOCTYPE html><html><head><script>alert(document.cookie)</script></head><body>"
                + ThreadLocalRandom.current().nextLong() + "</body></html>").getBytes(StandardCharsets.UTF_8);

        Uploaded up = files.upload(alice.token(), "C2C", bob.uid(), "cute-cat.png", page);
        assertEquals(201, up.status(), up::body);
        assertEquals("text/html", up.json().getString("type"), "the content decides, not the name");

        Downloaded served = files.download(alice.token(), "/api/files/" + up.id(), Map.of());
        assertEquals(200, served.status());
        assertEquals("application/octet-stream", served.header("Content-Type"));
        assertTrue(served.header("Content-Disposition").startsWith("attachment;"), served.header("Content-Disposition"));
        assertEquals("nosniff", served.header("X-Content-Type-Options"));
        assertTrue(served.header("Content-Security-Policy").contains("sandbox"));
    }

    @Test
    void upload_ofAnImage_isMeasured_servedInline_andGetsABoundedThumbnail() {
        Login alice = people.loggedIn("alice", "phone");
        TestUser bob = people.user("bob");
        byte[] png = FileTransfer.png(1000 + ThreadLocalRandom.current().nextInt(100), 500);

        Uploaded up = files.upload(alice.token(), "C2C", bob.uid(), "photo.png", png);
        assertEquals(201, up.status(), up::body);
        assertEquals("image/png", up.json().getString("type"));
        assertEquals(500, up.json().getInt("height"));
        Downloaded original = files.download(alice.token(), "/api/files/" + up.id(), Map.of());
        assertEquals("image/png", original.header("Content-Type"));
        assertTrue(original.header("Content-Disposition").startsWith("inline;"));

        Downloaded thumbnail = Awaitility.await("thumbnail").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> files.download(alice.token(), "/api/files/" + up.id() + "/thumbnail", Map.of()), d -> d.status() == 200);
        BufferedImage small = FileTransfer.image(thumbnail.bytes());
        assertEquals(320, small.getWidth());
        assertTrue(small.getHeight() <= 320 && small.getHeight() >= 140, "aspect kept: " + small.getHeight());
    }

    @Test
    void sameBytesUploadedTwice_areStoredOnce() throws IOException {
        Login alice = people.loggedIn("alice", "phone");
        TestUser bob = people.user("bob");
        byte[] bytes = random(20_000);
        String first = files.upload(alice.token(), "C2C", bob.uid(), "a.bin", bytes).id();
        long modified = Files.getLastModifiedTime(storedObject(FileTransfer.sha256(bytes))).toMillis();

        Uploaded second = files.upload(alice.token(), "C2C", bob.uid(), "b.bin", bytes);

        assertNotEquals(first, second.id());
        assertEquals("b.bin", second.json().getString("name"));
        assertEquals(modified, Files.getLastModifiedTime(storedObject(FileTransfer.sha256(bytes))).toMillis(), "not written again");
    }

    @Test
    void fiftyMegabytes_roundTrip_identicalBytes() throws IOException {
        Login alice = people.loggedIn("alice", "phone");
        Login bob = people.login(people.user("bob"), "phone");
        long size = 50L * 1024 * 1024;
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

    @Test
    void signedLink_servesWithoutAToken_untilItExpires_andAForgedOneIsRefused() {
        Login alice = people.loggedIn("alice", "phone");
        Login bob = people.login(people.user("bob"), "phone");
        Login eve = people.loggedIn("eve", "phone");
        byte[] png = FileTransfer.png(80 + ThreadLocalRandom.current().nextInt(50), 60);
        String fid = files.upload(alice.token(), "C2C", bob.uid(), "pic.png", png).id();

        JsonObject link = rest.get("/api/files/" + fid + "/link", bob.token()).json();
        String url = link.getString("url");
        assertTrue(url.startsWith("/api/shared-files/" + fid + "?"), url);
        Downloaded viaLink = files.download(null, url, Map.of());
        assertEquals(200, viaLink.status());
        assertArrayEquals(png, viaLink.bytes());
        assertEquals("image/png", viaLink.header("Content-Type"));
        Downloaded ranged = files.download(null, url, Map.of("Range", "bytes=0-7"));
        assertEquals(206, ranged.status());

        String forged = url.substring(0, url.indexOf("&s=") + 3) + "AAAA" + url.substring(url.indexOf("&s=") + 7);
        assertEquals(403, files.download(null, forged, Map.of()).status());
        String otherUser = url.replace("u=" + bob.uid(), "u=" + eve.uid());
        assertEquals(403, files.download(null, otherUser, Map.of()).status());
        String later = url.replaceFirst("e=(\\d+)", "e=9999999999");
        assertEquals(403, files.download(null, later, Map.of()).status());
        assertEquals(404, rest.get("/api/files/" + fid + "/link", eve.token()).status(), "a stranger gets no link");

        String shortLived = rest.get("/api/files/" + fid + "/link?ttl=1", bob.token()).json().getString("url");
        Awaitility.await("the link expires").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> files.download(null, shortLived, Map.of()).status() == 403);
    }
}
