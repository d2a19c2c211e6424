package io.chorus.it.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.FileTransfer;
import io.chorus.it.support.Frames;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.JimWire.JimPacket;
import io.chorus.it.support.Server;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Messages that name files (docs/FILES.md): only the uploader, only in the file's conversation; revoke hides the file. */
class FileMessageIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final FileTransfer files = new FileTransfer(Server.baseUri());

    private static String imageMessage(String type, String id, String to, JsonObject file) {
        JsonObject payload = Json.createObjectBuilder().add("msg_type", "image")
                .add("file", Json.createObjectBuilder().add("id", file.getString("id")).add("name", file.getString("name"))
                        .add("size", file.getJsonNumber("size")).add("type", file.getString("type"))
                        .add("width", file.getInt("width")).add("height", file.getInt("height")))
                .build();
        return Json.createObjectBuilder().add("type", type).add("id", id).add("to", to).add("created_at", System.currentTimeMillis())
                .add("payload", payload).build().toString();
    }


    private static void assertRefused(WsClient client, String id) {
        JsonObject answer = client.nextJsonOfType("ERROR", WAIT);
        assertEquals("attachment_refused", answer.getJsonObject("payload").getString("reason"), answer::toString);
        assertEquals(0, Db.count("select count(*) from message where wire_id = ?", id), "nothing stored");
    }

    @Test
    void imageMessage_reachesThePeer_whoDownloadsTheSameBytes_andRevokeStopsTheFile() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login aPhone = people.login(alice, "phone");
        Login bPhone = people.login(bob, "phone");
        byte[] png = FileTransfer.png(200 + ThreadLocalRandom.current().nextInt(50), 100);
        JsonObject file = files.upload(aPhone.token(), "C2C", bob.uid(), "cat.png", png).json();

        try (WsClient a = people.connect(aPhone); WsClient b = people.connect(bPhone)) {
            String id = Frames.newId();
            a.send(imageMessage("C2C", id, bob.uid(), file));
            assertEquals("C2C_SERVER_ACK", a.nextJson(WAIT).getString("type"));
            JsonObject received = b.nextJson(WAIT);
            JsonObject named = received.getJsonObject("payload").getJsonObject("file");
            assertEquals(file.getString("id"), named.getString("id"));
            assertArrayEquals(png, files.download(bPhone.token(), "/api/files/" + named.getString("id"), Map.of()).bytes());

            a.send("{\"type\":\"C2C_REVOKE\",\"id\":\"" + id + "\",\"to\":\"" + bob.uid() + "\"}");
            assertEquals("C2C_REVOKE_ACK", a.nextJson(WAIT).getString("type"));
            assertEquals(404, files.download(bPhone.token(), "/api/files/" + file.getString("id"), Map.of()).status());
            assertEquals(404, files.download(aPhone.token(), "/api/files/" + file.getString("id"), Map.of()).status());
        }
    }

    @Test
    void namingSomeoneElsesFile_orAnotherConversationsFile_isRefused_andNothingIsStored() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        TestUser carol = people.friendOf(alice, "carol");
        people.befriend(bob, carol);
        Login aPhone = people.login(alice, "phone");
        JsonObject alicesFileForBob = files.upload(aPhone.token(), "C2C", bob.uid(), "a.png", FileTransfer.png(30, 20)).json();
        Login owner = people.login(carol, "tablet");
        String gid = people.group(owner, "pics", alice);

        try (WsClient a = people.connect(aPhone); WsClient c = people.connect(carol, "phone")) {
            String toCarol = Frames.newId();
            a.send(imageMessage("C2C", toCarol, carol.uid(), alicesFileForBob));
            assertRefused(a, toCarol);

            String toGroup = Frames.newId();
            a.send(imageMessage("C2G", toGroup, gid, alicesFileForBob));
            assertRefused(a, toGroup);

            String carolForwards = Frames.newId();
            c.send(imageMessage("C2C", carolForwards, bob.uid(), alicesFileForBob));
            assertRefused(c, carolForwards);

            String unknown = Frames.newId();
            a.send(imageMessage("C2C", unknown, bob.uid(), Json.createObjectBuilder(alicesFileForBob).add("id", "no-such-file").build()));
            assertRefused(a, unknown);
        }
    }

    @Test
    void groupImage_isSentByItsUploader_toItsGroup() {
        Login owner = people.loggedIn("owner", "phone");
        TestUser member = people.user("member");
        Login mPhone = people.login(member, "phone");
        String gid = people.group(owner, "pics", member);
        byte[] png = FileTransfer.png(64 + ThreadLocalRandom.current().nextInt(50), 48);
        JsonObject file = files.upload(owner.token(), "C2G", gid, "team.png", png).json();

        try (WsClient o = people.connect(owner); WsClient m = people.connect(mPhone)) {
            String id = Frames.newId();
            o.send(imageMessage("C2G", id, gid, file));
            o.nextJsonOfType("C2G_SERVER_ACK", WAIT);
            JsonObject received = m.nextJsonOfType("C2G", WAIT);
            assertEquals("C2G", received.getString("type"), received::toString);
            assertEquals(file.getString("id"), received.getJsonObject("payload").getJsonObject("file").getString("id"));
            assertArrayEquals(png, files.download(mPhone.token(), "/api/files/" + file.getString("id"), Map.of()).bytes());
        }
    }

    private static long rawId(TestUser user) {
        return Db.count("select id from app_user where account = ?", user.account());
    }

    private static JsonObject jimImage(long to, long oid, JsonObject file) {
        JsonObject f = Json.createObjectBuilder().add("id", file.getString("id")).add("name", file.getString("name"))
                .add("size", file.getJsonNumber("size")).add("type", file.getString("type"))
                .add("width", file.getInt("width")).add("height", file.getInt("height")).build();
        return Json.createObjectBuilder().add("to", Json.createObjectBuilder().add("id", to).add("t", 1)).add("id", oid)
                .add("bd", Json.createArrayBuilder().add(Json.createObjectBuilder().add("t", 2).add("d", file.getString("name")).add("f", f)))
                .build();
    }

    @Test
    void jimAndWsUsers_sendEachOtherImages_andDownloadIdenticalBytes() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login aPhone = people.login(alice, "phone");
        Login bRest = people.login(bob, "rest");
        byte[] fromBob = FileTransfer.png(120 + ThreadLocalRandom.current().nextInt(50), 90);
        byte[] fromAlice = FileTransfer.png(150 + ThreadLocalRandom.current().nextInt(50), 100);
        JsonObject bobsFile = files.upload(bRest.token(), "C2C", alice.uid(), "from-jim.png", fromBob).json();
        JsonObject alicesFile = files.upload(aPhone.token(), "C2C", bob.uid(), "from-ws.png", fromAlice).json();

        try (WsClient a = people.connect(aPhone); JimClient b = people.jim(bob, 1)) {
            // JIM → /ws: bd item t:2 with f becomes an image payload naming the file.
            JsonObject reply = b.call(JimWire.MSG, jimImage(rawId(alice), 1, bobsFile));
            assertTrue(reply.getJsonNumber("mid").longValue() > 0, reply::toString);
            JsonObject received = a.nextJsonOfType("C2C", WAIT);
            assertEquals("image", received.getJsonObject("payload").getString("msg_type"));
            String fid = received.getJsonObject("payload").getJsonObject("file").getString("id");
            assertEquals(bobsFile.getString("id"), fid);
            assertEquals(FileTransfer.sha256(fromBob), FileTransfer.sha256(files.download(aPhone.token(), "/api/files/" + fid, Map.of()).bytes()));

            // /ws → JIM: the image payload becomes bd item t:2 with d the name and f the file.
            String id = Frames.newId();
            a.send(imageMessage("C2C", id, bob.uid(), alicesFile));
            a.nextJsonOfType("C2C_SERVER_ACK", WAIT);
            JimPacket push = b.next();
            assertEquals(JimWire.MSG, push.cmd());
            JsonObject item = push.json().getJsonArray("bd").getJsonObject(0);
            assertEquals(2, item.getInt("t"), item::toString);
            assertEquals("from-ws.png", item.getString("d"));
            String jimFid = item.getJsonObject("f").getString("id");
            assertEquals(FileTransfer.sha256(fromAlice), FileTransfer.sha256(files.download(bRest.token(), "/api/files/" + jimFid, Map.of()).bytes()));

            // JIM naming someone else's file: mid 0 with the reason, nothing stored.
            JsonObject refused = b.call(JimWire.MSG, jimImage(rawId(alice), 2, alicesFile));
            assertEquals(0, refused.getJsonNumber("mid").longValue(), refused::toString);
            assertEquals("attachment_refused", refused.getString("reason"));
        }
    }
}
