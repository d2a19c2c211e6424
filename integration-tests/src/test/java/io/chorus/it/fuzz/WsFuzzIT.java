package io.chorus.it.fuzz;

import static io.chorus.it.support.Frames.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.HostileJson;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile input on {@code /ws} (SPEC §10): JSON structure, types, sizes and unicode edge
 * cases around valid {@code C2C}, {@code C2G} and revoke frames, {@code CLIENT_ACK} variants, binary
 * frames and plain garbage; {@value #DEFAULT_CASES} cases with a fixed seed (more with
 * {@code -Dchorus.fuzz.cases=N}, another seed with {@code -Dchorus.fuzz.seed=S}).
 *
 * <p>Every case must get exactly one answer (an error frame that is not {@code internal}, an
 * acknowledgement, or the friendship gate's notice), the connection stays up, and the database
 * changes by exactly the messages that were acknowledged (and the revokes of them), nothing else.
 */
class WsFuzzIT extends BlackBoxIT {
    static final int DEFAULT_CASES = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The author's chat messages: an accepted edit also stores a notice from the author (message_edited). */
    private static final String CHAT_MESSAGES_OF = "select count(*) from message m join app_user u on u.id = m.sender_id "
            + "join conversation c on c.id = m.conversation_id where c.kind in ('C2C', 'C2G') and u.account = ?";

    /** What an accepted send may change; everything else must stay as it was. */
    private static final Set<String> CHANGED_BY_ACCEPTED_SENDS = Set.of("message", "conversation", "chat_group",
            "device_connection", "login_throttle", "message_mention", "message_edit");

    @Test
    void hostileFrames_areAnsweredOneByOne_neverInternally_andChangeNothingButAcceptedSends() {
        long seed = Long.getLong("chorus.fuzz.seed", 20261123L);
        int cases = Integer.getInteger("chorus.fuzz.cases", DEFAULT_CASES);
        TestUser alice = people.user("fuzz-a");
        TestUser bob = people.friendOf(alice, "fuzz-b");
        TestUser stranger = people.user("fuzz-s");
        Login setup = people.login(alice, "setup");
        String gid = people.group(setup, "fuzz", bob);
        // Then gone: alice's only device is one that starts after the group was made, so no notice
        // waits for it and her accepted sends make no copies for other devices of hers.
        people.removeDevice(setup);
        Login login = people.login(alice, "fuzz");
        // Bob and the stranger never log in: an accepted message makes no delivery rows.
        HostileJson hostile = new HostileJson(seed);
        Random random = hostile.random();
        List<JsonObject> templates = List.of(
                frame("C2C", bob.uid()), frame("C2C", stranger.uid()), frame("C2G", gid),
                Json.createObjectBuilder().add("type", "C2C_REVOKE").add("id", newId()).add("to", bob.uid()).build(),
                Json.createObjectBuilder().add("type", "C2G_REVOKE").add("id", newId()).add("to", gid).build(),
                // Issue 25: edits (of ids never sent: refused however mutated) and a reply with mentions.
                Json.createObjectBuilder().add("type", "C2C_EDIT").add("id", newId()).add("to", bob.uid()).add("text", "x").build(),
                Json.createObjectBuilder().add("type", "C2G_EDIT").add("id", newId()).add("to", gid).add("text", "x").build(),
                Json.createObjectBuilder(frame("C2G", gid)).add("payload", Json.createObjectBuilder().add("msg_type", "text")
                        .add("text", "re").add("reply_to", Json.createObjectBuilder().add("seq", 1))
                        .add("mentions", Json.createArrayBuilder().add(bob.uid()).add("@all"))).build());

        Set<String> accepted = new HashSet<>();
        Map<String, Integer> reasons = new TreeMap<>();
        long messagesBefore = Db.count(CHAT_MESSAGES_OF,
                alice.account());
        try (WsClient ws = people.connect(login)) {
            Map<String, String> before = Db.snapshotAll(CHANGED_BY_ACCEPTED_SENDS);
            for (int i = 0; i < cases; i++) {
                int kind = random.nextInt(20);
                String sent = null;
                if (kind == 0) {
                    byte[] bytes = new byte[random.nextInt(64)];
                    random.nextBytes(bytes);
                    ws.sendBinary(bytes);
                } else {
                    sent = kind <= 3 ? clientAck(random, login.did())
                            : hostile.mutate(withFreshId(templates.get(random.nextInt(templates.size()))));
                    ws.send(sent);
                }
                ws.send("ping");
                String caseText = sent;
                List<String> answers = new ArrayList<>();
                int pongsExpected = "ping".equals(sent) ? 2 : 1;
                while (pongsExpected > 0) {
                    String text = ws.nextText(WAIT);
                    if ("pong2".equals(text)) {
                        pongsExpected--;
                        if (pongsExpected == 1) {
                            answers.add(text);
                        }
                    } else {
                        answers.add(text);
                    }
                }
                int n = i;
                assertEquals(1, answers.size(), () -> "case " + n + " (seed " + seed + ") " + abbreviate(caseText)
                        + " got " + answers);
                String answer = answers.get(0);
                if (!"pong2".equals(answer)) {
                    JsonObject frame = json(answer);
                    String type = frame.getString("type");
                    if (type.equals("C2C_SERVER_ACK") || type.equals("C2G_SERVER_ACK")) {
                        accepted.add(frame.getString("id"));
                        reasons.merge(type, 1, Integer::sum);
                    } else if (type.equals("C2C_REVOKE_ACK") || type.equals("C2G_REVOKE_ACK")
                            || type.equals("C2C_EDIT_ACK") || type.equals("C2G_EDIT_ACK")) {
                        // A mutation kept a valid revoke or edit of a message an earlier case stored
                        // (both mutated to the same id): the author may.
                        reasons.merge(type, 1, Integer::sum);
                    } else if (type.equals("error")) {
                        String reason = frame.getJsonObject("payload").getString("reason");
                        assertTrue(!reason.equals("internal"), () -> "case " + n + " (seed " + seed + ") "
                                + abbreviate(caseText) + " failed inside the server: " + answer);
                        reasons.merge(reason, 1, Integer::sum);
                    } else {
                        assertEquals("S2C", type, () -> "case " + n + ": " + answer);
                        reasons.merge("S2C " + frame.getJsonObject("payload").getString("msg_type"), 1, Integer::sum);
                    }
                }
                assertTrue(ws.isOpen(), () -> "case " + n + " closed the connection: " + abbreviate(caseText));
            }
            Map<String, String> after = Db.snapshotAll(CHANGED_BY_ACCEPTED_SENDS);
            assertEquals(before, after, "only accepted sends change anything");
        }
        long stored = Db.count(CHAT_MESSAGES_OF,
                alice.account()) - messagesBefore;
        assertEquals(accepted.size(), stored, "exactly the acknowledged messages were stored; answers: " + reasons);
        System.out.printf("WsFuzzIT: %d cases, seed %d, answers %s%n", cases, seed, reasons);
    }

    private static JsonObject frame(String type, String to) {
        return Json.createObjectBuilder().add("type", type).add("id", newId()).add("to", to)
                .add("created_at", System.currentTimeMillis())
                .add("payload", Json.createObjectBuilder().add("msg_type", "text").add("text", "hello")).build();
    }

    private static JsonObject withFreshId(JsonObject template) {
        return Json.createObjectBuilder(template).add("id", newId()).build();
    }

    /** {@code CLIENT_ACK,<type>,<id>,<did>} with each part, the count of parts and the spelling varied. */
    private static String clientAck(Random random, String did) {
        String[] types = {"C2C", "C2G", "S2C", "c2c", "", "C2C ", "X", "C2C_SERVER_ACK"};
        String[] ids = {newId(), "", "x".repeat(300), "../../etc", "\u0000", "a,b", "\ud83d\ude00"};
        String[] dids = {did, "someone-else", "", " " + did, did + "\n", "x".repeat(100)};
        String[] heads = {"CLIENT_ACK", "client_ack", "CLIENT_ACK ", "CLIENT_AC", ""};
        StringBuilder ack = new StringBuilder(heads[random.nextInt(random.nextInt(4) == 0 ? heads.length : 1)]);
        int parts = random.nextInt(5) == 0 ? random.nextInt(6) : 3;
        String[][] choices = {types, ids, dids, {"extra", ""}, {"more"}};
        for (int p = 0; p < parts; p++) {
            String[] options = choices[p];
            ack.append(',').append(options[random.nextInt(options.length)]);
        }
        return ack.toString();
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "<binary frame>" : HostileJson.abbreviate(text);
    }
}
