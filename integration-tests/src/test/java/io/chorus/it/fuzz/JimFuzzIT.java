package io.chorus.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.HostileJson;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire.JimPacket;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile input on {@code /jim} (SPEC §6, §10), with a fixed seed ({@code -Dchorus.fuzz.seed},
 * {@code -Dchorus.fuzz.cases} for a longer run): well-framed packets with hostile JSON, commands and
 * types on a signed-in session, and broken byte streams on fresh connections.
 *
 * <p>A well-framed packet gets exactly one answer with its SID, never an internal failure, and the
 * session stays up; the database changes only by the messages the server answered with a MID (and
 * the read marks of history reads). Every request command but Cmd_Auth and Cmd_SignOut has a
 * template (the 20 roster, group and user-info commands included), and every variant of a roster or
 * group one is refused or only reads. Broken framing closes that connection with 1002 or 4003, never
 * with an internal error, and changes nothing.
 */
class JimFuzzIT extends BlackBoxIT {
    static final int DEFAULT_CASES = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** What accepted packets may change: messages, their conversations, read marks; sockets come and go. */
    private static final Set<String> CHANGED_BY_ACCEPTED = Set.of("message", "conversation", "chat_group",
            "conversation_read", "device_connection", "login_throttle");

    private final long seed = Long.getLong("chorus.fuzz.seed", 20261123L);
    private final int cases = Integer.getInteger("chorus.fuzz.cases", DEFAULT_CASES);

    @Test
    void hostilePacketsOnASession_areAnsweredOneByOne_neverInternally_andChangeNothingButAcceptedSends() {
        TestUser alice = people.user("jfuzz-a");
        TestUser bob = people.friendOf(alice, "jfuzz-b");
        TestUser stranger = people.user("jfuzz-s");
        long aliceId = userId(alice);
        long bobId = userId(bob);
        long strangerId = userId(stranger);
        JsonObject bobContact = contact(bobId);
        JsonObject recentContacts = Json.createObjectBuilder().add("uid", aliceId).add("lmid", 0).add("sz", 20).build();
        JsonObject history = Json.createObjectBuilder().add("u", aliceId).add("c", bobContact).add("min", 0).add("max", 0)
                .add("sz", 20).build();
        // The roster and group templates are refused whatever a mutation does to their values, short of
        // guessing bob's id: alice is in no group, is asked by nobody, denies nobody and lists the
        // stranger nowhere. A mutation changes one thing, so where an id could be mutated into any
        // existing user's (1 is among the values tried), a second refusal holds: Cmd_RosterRequest asks
        // bob, a friend already, with a verify text that is not printable; Cmd_SetIgnoreRosterRequest
        // un-ignores alice herself (nobody is on her list, so it changes nothing), and ignoring herself
        // is refused.
        List<Template> templates = List.of(
                new Template(JimWire.MSG, message(bobContact, "hello")),
                new Template(JimWire.MSG, message(contact(strangerId), "hi")),
                new Template(JimWire.GET_MSG, history),
                new Template(JimWire.GET_MSG_HISTORY, history),
                new Template(JimWire.GET_MSG_BODYS, Json.createObjectBuilder().add("ids", Json.createArrayBuilder().add(1).add(2)).build()),
                new Template(JimWire.GET_RECENT_CONTACT, recentContacts),
                new Template(JimWire.GET_USER_INFOS, Json.createObjectBuilder()
                        .add("uids", Json.createArrayBuilder().add(aliceId).add(bobId)).build()),
                new Template(JimWire.GET_ALL_ROSTER, Json.createObjectBuilder().add("uid", aliceId).build()),
                new Template(JimWire.GET_ROSTERS, Json.createObjectBuilder().add("uid", aliceId)
                        .add("ruids", Json.createArrayBuilder().add(bobId).add(strangerId)).build()),
                new Template(JimWire.SET_ROSTER, Json.createObjectBuilder().add("uid", aliceId).add("ruid", strangerId)
                        .add("r", "remark").add("g", "group").build()),
                new Template(JimWire.REMOVE_ROSTER, Json.createObjectBuilder().add("uid", aliceId).add("ruid", strangerId).build()),
                new Template(JimWire.GET_ROSTER_CHANGED, Json.createObjectBuilder().add("st", 0).add("uid", aliceId).build()),
                new Template(JimWire.ROSTER_REQUEST, Json.createObjectBuilder().add("fuid", aliceId).add("tuid", bobId)
                        .add("verify", "hi,\nit's alice").add("remark", "Bobby").add("group", "work").build()),
                new Template(JimWire.GET_ROSTER_REQUESTS, Json.createObjectBuilder().add("uid", aliceId).add("st", 0).add("sz", 20).build()),
                new Template(JimWire.HANDLE_ROSTER_REQUEST, Json.createObjectBuilder().add("rrid", 1).add("type", 1).add("remark", "r").build()),
                new Template(JimWire.SET_IGNORE_ROSTER_REQUEST, Json.createObjectBuilder().add("uid", aliceId).add("ruid", aliceId)
                        .add("type", 0).build()),
                new Template(JimWire.CREATE_GROUP, Json.createObjectBuilder().add("memberuids", Json.createArrayBuilder().add(bobId))
                        .add("type", 1).build()),
                new Template(JimWire.REMOVE_GROUP, Json.createObjectBuilder().add("gid", 1).add("uid", aliceId).build()),
                new Template(JimWire.SET_GROUP, Json.createObjectBuilder().add("gid", 1).add("n", "Long weekend").add("t", 1).build()),
                new Template(JimWire.GET_GROUPS, Json.createObjectBuilder().add("gids", Json.createArrayBuilder().add(1).add(2)).build()),
                new Template(JimWire.GET_GIDS, Json.createObjectBuilder().add("uid", aliceId).build()),
                new Template(JimWire.ADD_GROUP_MEMBERS, Json.createObjectBuilder().add("gid", 1).add("ms", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("uid", strangerId).add("p", 1))).build()),
                new Template(JimWire.REMOVE_GROUP_MEMBERS, Json.createObjectBuilder().add("gid", 1).add("ms", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("gid", 1).add("uid", strangerId))).build()),
                new Template(JimWire.SET_GROUP_MEMBER, Json.createObjectBuilder().add("gid", 1).add("uid", bobId).add("p", 2).build()),
                new Template(JimWire.GET_GROUPS_MEMBERS, Json.createObjectBuilder().add("gids", Json.createArrayBuilder().add(1).add(2)).build()),
                new Template(JimWire.GET_GROUP_CHANGED, Json.createObjectBuilder().add("st", 0)
                        .add("gids", Json.createArrayBuilder().add(1).add(2)).build()));
        HostileJson hostile = new HostileJson(seed);
        Random random = hostile.random();
        int wellFramed = cases - cases / 5;
        Map<String, Integer> answers = new TreeMap<>();
        // Per templated command: how its cases were answered (an Error's reason, or a Response's code).
        Map<String, Integer> byCommand = new TreeMap<>();
        long messagesBefore = messagesOf(alice);
        int accepted = 0;
        try (JimClient jim = people.jim(alice, 1)) {
            Map<String, String> before = Db.snapshotAll(CHANGED_BY_ACCEPTED);
            for (int i = 0; i < wellFramed; i++) {
                Template template = templates.get(random.nextInt(templates.size()));
                int cmd = random.nextInt(10) == 0 ? randomCommand(random) : template.command();
                // Any of the three packet types (an unknown TYPE byte is broken framing: the byte streams test it).
                int type = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : JimWire.REQUEST;
                int sid = 1 + random.nextInt(0xFFFF);
                byte[] body = switch (random.nextInt(12)) {
                    case 0 -> randomBytes(random, 64);
                    case 1 -> new byte[0];
                    default -> hostile.mutate(template.body()).getBytes(StandardCharsets.UTF_8);
                };
                jim.sendRaw(JimWire.encode(random.nextInt(256), cmd, type, random.nextInt(8) == 0 ? random.nextInt(256) : 0, sid, body));
                JimPacket answer = jim.next(WAIT);
                int n = i;
                String sent = "case " + n + " (seed " + seed + ") cmd " + cmd + " type " + type + " body "
                        + HostileJson.abbreviate(new String(body, StandardCharsets.UTF_8));
                assertEquals(sid, answer.sid(), () -> sent + " answered out of turn: " + answer);
                JsonObject data = answer.json();
                String reason = data == null ? "" : data.getString("reason", "");
                assertNotEquals("internal", reason, () -> sent + " failed inside the server: " + answer);
                if (answer.type() == JimWire.RESPONSE && cmd == JimWire.MSG && data != null && data.getJsonNumber("mid").longValue() > 0) {
                    accepted++;
                    answers.merge("msg stored", 1, Integer::sum);
                } else {
                    answers.merge((answer.type() == JimWire.ERROR ? "error " : "response ") + reason, 1, Integer::sum);
                }
                if (cmd == template.command() && type == JimWire.REQUEST) {
                    byCommand.merge(String.format("0x%02X %s", cmd, answer.type() == JimWire.ERROR ? "error " + reason
                            : data != null && data.get("code") instanceof JsonNumber code ? "code " + code.intValue() : "response"), 1, Integer::sum);
                }
            }
            assertEquals(before, Db.snapshotAll(CHANGED_BY_ACCEPTED), "only accepted sends change anything");
            // The session is still usable.
            JsonObject recent = jim.call(JimWire.GET_RECENT_CONTACT, recentContacts);
            assertTrue(recent.containsKey("cs"), recent::toString);
        }
        assertEquals(accepted, messagesOf(alice) - messagesBefore, "exactly the messages answered with a MID were stored: " + answers);
        System.out.printf("JimFuzzIT: %d well-framed packets, seed %d, %d templates, answers %s%nJimFuzzIT: by command %s%n",
                wellFramed, seed, templates.size(), answers, byCommand);
    }

    @Test
    void brokenByteStreams_closeOnlyTheirConnection_andChangeNothing() {
        TestUser carol = people.user("jfuzz-c");
        byte[] auth = JimWire.encode(0x3c, JimWire.AUTH, JimWire.REQUEST, 0, 7,
                JimClient.authRequest(carol.account(), Users.PASSWORD, 1).toString().getBytes(StandardCharsets.UTF_8));
        Random random = new Random(seed + 1);
        int streams = cases / 5;
        Map<Integer, Integer> closes = new TreeMap<>();
        Map<String, String> before = Db.snapshotAll(Set.of("device_connection", "device", "login_throttle"));
        for (int i = 0; i < streams; i++) {
            byte[] bytes = corrupt(random, auth);
            // Then more than the pre-auth budget: whatever the corruption did, the server must end it now.
            byte[] filler = new byte[1100];
            try (JimClient jim = JimClient.connect(JimClient.jimUri(io.chorus.it.support.Server.baseUri()))) {
                try {
                    jim.sendRaw(bytes);
                    jim.sendRaw(filler);
                } catch (CompletionException closedAlready) {
                    // The server ended it on the first bytes; how, awaitClose tells.
                }
                int code = jim.awaitClose(WAIT).code();
                int n = i;
                assertTrue(code == 1002 || code == 4003, () -> "stream " + n + " (seed " + seed + ") "
                        + Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 40))) + " closed with " + code);
                closes.merge(code, 1, Integer::sum);
            }
        }
        assertEquals(before, Db.snapshotAll(Set.of("device_connection", "device", "login_throttle")),
                "broken streams change nothing");
        System.out.printf("JimFuzzIT: %d broken streams, close codes %s%n", streams, closes);
    }

    /** A request body and the command it is sent as (mostly; sometimes any CMD). */
    private record Template(int command, JsonObject body) {
    }

    /** A valid Cmd_Auth with bits flipped, bytes cut, inserted or replaced, or random bytes instead. */
    private static byte[] corrupt(Random random, byte[] packet) {
        byte[] bytes = packet.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int f = 1 + random.nextInt(3); f > 0; f--) {
                    int at = random.nextInt(bytes.length);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2 -> {
                int at = random.nextInt(bytes.length);
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                bytes = longer;
            }
            case 3 -> bytes[random.nextInt(Math.min(8, bytes.length))] = (byte) random.nextInt(256);
            default -> bytes = randomBytes(random, 300);
        }
        return bytes;
    }

    private static int randomCommand(Random random) {
        int cmd;
        do {
            cmd = random.nextInt(256);
        } while (cmd == JimWire.SIGN_OUT); // a valid sign-out ends the session by design
        return cmd;
    }

    private static byte[] randomBytes(Random random, int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static JsonObject contact(long id) {
        return Json.createObjectBuilder().add("id", id).add("t", 1).build();
    }

    private static JsonObject message(JsonObject to, String text) {
        return Json.createObjectBuilder().add("to", to).add("id", 1)
                .add("bd", Json.createArrayBuilder().add(Json.createObjectBuilder().add("t", 1).add("d", text))).build();
    }

    private static long userId(TestUser user) {
        return Db.count("select id from app_user where account = ?", user.account());
    }

    private static long messagesOf(TestUser user) {
        return Db.count("select count(*) from message m join app_user u on u.id = m.sender_id where u.account = ?", user.account());
    }
}
