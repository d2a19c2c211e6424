package io.chorus.it.security;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.admin.Admins;
import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Frames;
import io.chorus.it.support.FileTransfer;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint (SPEC §10, §12) called as each kind of caller: without a token, with tokens
 * revoked three ways (logged out, device removed, user disabled), as another user (a stranger and
 * non-member), as the owner of what is addressed, and as the administrator. Each cell asserts the
 * status; all mismatches are reported together. Outsiders see 404, as for a resource that does not
 * exist; endpoints about "me" answer anyone authenticated about themselves, never about the owner.
 *
 * <p>Each row builds what it addresses from a fresh world when it destroys it (dissolve, remove a
 * device, delete a friend), so the owner's cell, which runs last, cannot spoil other rows.
 */
class AuthorizationMatrixIT extends BlackBoxIT {
    enum Caller { NO_TOKEN, LOGGED_OUT, DEVICE_REMOVED, USER_DISABLED, OTHER, ADMIN, OWNER }

    /**
     * What a row addresses: the owner, a stranger, a member of the owner's group, their group, a
     * friend request, and an image the owner uploaded to the group (its thumbnail made).
     */
    record World(Login owner, Login other, Login member, String gid, String requestId, String friendUid, String fid) {
    }

    record Row(String method, Function<World, String> path, Function<World, String> body, Map<Caller, Integer> expected) {
        Row withBody(Function<World, String> made) {
            return new Row(method, path, made, expected);
        }

        Row without(Caller caller) {
            Map<Caller, Integer> fewer = new EnumMap<>(expected);
            fewer.remove(caller);
            return new Row(method, path, body, fewer);
        }
    }

    private static final int UNAUTHORIZED = 401;
    /**
     * A well-formed Web Push subscription (RFC 8291's example keys, an endpoint to nowhere). Push is
     * off on the suite's server (only PushIT's deployment configures it), so the owner is refused
     * with 409 push_provider_off and nothing is stored; anyone else's device is 404 before that.
     */
    private static final String PUSH_REGISTRATION = "{\"provider\":\"webpush\",\"endpoint\":\"https://127.0.0.1:9/push/matrix\","
            + "\"keys\":{\"p256dh\":\"BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4\","
            + "\"auth\":\"BTBZMqHH6r4Tts7J_aSIgg\"}}";

    @Test
    void everyEndpoint_answersEachCallerAsExpected() {
        Login admin = Admins.login(rest, "matrix");
        Map<Caller, String> revoked = revokedTokens(admin);
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        World shared = world();
        for (Row row : rows()) {
            boolean destructive = !row.method().equals("GET");
            World world = destructive ? world() : shared;
            String path = row.path().apply(world);
            for (Caller caller : Caller.values()) {
                Integer expected = row.expected().get(caller);
                if (expected == null) {
                    continue;
                }
                String token = switch (caller) {
                    case NO_TOKEN -> null;
                    case LOGGED_OUT, DEVICE_REMOVED, USER_DISABLED -> revoked.get(caller);
                    case OTHER -> world.other().token();
                    case ADMIN -> admin.token();
                    case OWNER -> world.owner().token();
                };
                Rest.Reply reply = rest.send(row.method(), path, row.body().apply(world), token);
                cells++;
                if (reply.status() != expected) {
                    mismatches.add(row.method() + " " + path + " as " + caller + ": expected " + expected + ", got " + reply);
                } else if (caller == Caller.OTHER && reply.status() == 200 && reply.body().contains(world.gid())) {
                    mismatches.add(row.method() + " " + path + " as " + caller + " shows the owner's group: " + reply);
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + cells + " cells differ:\n" + String.join("\n", mismatches));
        System.out.printf("AuthorizationMatrixIT: %d REST cells checked%n", cells);
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // Anyone authenticated, about themselves.
        rows.add(self("GET", w -> "/api/me", null));
        rows.add(self("GET", w -> "/api/me/presence", null));
        rows.add(self("PUT", w -> "/api/me/presence", obj("state", "hide").toString(), 204));
        rows.add(self("GET", w -> "/api/me/privacy", null));
        rows.add(self("PUT", w -> "/api/me/privacy", obj("read_receipts", true).toString(), 204));
        rows.add(self("GET", w -> "/api/me/devices", null));
        rows.add(self("GET", w -> "/api/friends", null));
        rows.add(self("GET", w -> "/api/friends/requests?box=in", null));
        rows.add(self("GET", w -> "/api/denylist", null));
        rows.add(self("GET", w -> "/api/groups", null));
        rows.add(self("GET", w -> "/api/conversations", null));
        rows.add(self("GET", w -> "/api/users?q=zzz", null));
        // Search answers everyone about their own conversations only (SearchIT checks what each finds).
        rows.add(self("GET", w -> "/api/conversations/search?q=hello", null));
        // Not as the admin: its token serves the other rows.
        rows.add(self("POST", w -> "/api/auth/logout", "", 204).without(Caller.ADMIN));
        // A device of the owner's only: for anyone else that did names none of theirs.
        rows.add(row("PATCH", w -> "/api/me/devices/tablet", obj("dname", "renamed").toString(), 404, 404, 204));
        rows.add(row("DELETE", w -> "/api/me/devices/tablet", null, 404, 404, 204));
        // Push settings (docs/PUSH.md): the caller's own; a device's registration and state only on the owner's devices.
        rows.add(self("GET", w -> "/api/me/push/preview", null));
        rows.add(self("PUT", w -> "/api/me/push/preview", obj("preview", "sender").toString(), 200));
        rows.add(self("GET", w -> "/api/me/push/mutes/users/" + w.friendUid(), null));
        rows.add(self("PUT", w -> "/api/me/push/mutes/users/" + w.friendUid(), null, 204));
        rows.add(self("DELETE", w -> "/api/me/push/mutes/users/" + w.friendUid(), null, 204));
        rows.add(row("PUT", w -> "/api/me/devices/tablet/push", PUSH_REGISTRATION, 404, 404, 409));
        rows.add(row("GET", w -> "/api/me/devices/tablet/push", null, 404, 404, 404));
        rows.add(row("DELETE", w -> "/api/me/devices/tablet/push", null, 404, 404, 204));
        rows.add(row("PUT", w -> "/api/me/devices/tablet/push/state", obj("state", "background").toString(), 404, 404, 204));
        // Friends of the owner.
        rows.add(row("PATCH", w -> "/api/friends/" + w.friendUid(), obj("remark", "x").toString(), 404, 404, 204));
        rows.add(row("DELETE", w -> "/api/friends/" + w.friendUid(), null, 404, 404, 204));
        rows.add(row("POST", w -> "/api/friends/requests/" + w.requestId() + "/accept", "{}", 404, 404, 200));
        rows.add(row("POST", w -> "/api/friends/requests/" + w.requestId() + "/reject", "{}", 404, 404, 200));
        rows.add(row("POST", w -> "/api/friends/requests/" + w.requestId() + "/ignore", "{}", 404, 404, 200));
        // Anyone may ask, deny or undeny anyone: the owner's cell acts on the member.
        rows.add(self("POST", w -> "/api/friends/requests", null, 201).withBody(w -> obj("to", w.member().uid()).toString()));
        rows.add(self("PUT", w -> "/api/denylist/" + w.member().uid(), null, 204));
        rows.add(self("DELETE", w -> "/api/denylist/" + w.member().uid(), null, 204));
        // The owner's group: a stranger (and the admin, a stranger to it) sees nothing.
        rows.add(row("GET", w -> "/api/groups/" + w.gid(), null, 404, 404, 200));
        rows.add(row("PATCH", w -> "/api/groups/" + w.gid(), obj("title", "renamed").toString(), 404, 404, 200));
        rows.add(row("DELETE", w -> "/api/groups/" + w.gid(), null, 404, 404, 204));
        rows.add(row("POST", w -> "/api/groups/" + w.gid() + "/members", null, 404, 404, 204)
                .withBody(w -> obj("uids", Json.createArrayBuilder().add(w.friendUid()).build()).toString()));
        rows.add(row("DELETE", w -> "/api/groups/" + w.gid() + "/members/" + w.member().uid(), null, 404, 404, 204));
        rows.add(row("PATCH", w -> "/api/groups/" + w.gid() + "/members/" + w.member().uid(), obj("muted", true).toString(),
                404, 404, 204));
        // Joining is how outsiders address a group: a closed one says so (403); a member joins again harmlessly.
        rows.add(row("POST", w -> "/api/groups/" + w.gid() + "/join", "{}", 403, 403, 204));
        rows.add(row("GET", w -> "/api/conversations/C2G/" + w.gid() + "/messages", null, 404, 404, 200));
        rows.add(row("POST", w -> "/api/conversations/C2G/" + w.gid() + "/read", obj("seq", 0).toString(), 404, 404, 204));
        // A peer names the caller's own conversation: the owner's with its friend exists, nobody else has one.
        rows.add(row("GET", w -> "/api/conversations/C2C/" + w.friendUid() + "/messages", null, 404, 404, 200));
        rows.add(row("GET", w -> "/api/conversations/C2C/" + w.friendUid() + "/read-counts?seqs=1", null, 404, 404, 200));
        // The group has no message yet: the owner's seq is out of range (400); outsiders learn not even that.
        rows.add(row("GET", w -> "/api/conversations/C2G/" + w.gid() + "/read-counts?seqs=1", null, 404, 404, 400));
        // Files: uploading to the owner's group is for members; reading a group's file too (a
        // stranger's 404 is the same as for a file that does not exist). Anyone may upload for a
        // one-to-one conversation with an existing user.
        rows.add(row("POST", w -> "/api/conversations/C2G/" + w.gid() + "/files?name=a.txt", "hello", 403, 403, 201));
        rows.add(self("POST", w -> "/api/conversations/C2C/" + w.friendUid() + "/files?name=a.txt", "hello", 201));
        rows.add(row("GET", w -> "/api/files/" + w.fid(), null, 404, 404, 200));
        rows.add(row("GET", w -> "/api/files/" + w.fid() + "/thumbnail", null, 404, 404, 200));
        rows.add(row("GET", w -> "/api/files/" + w.fid() + "/link", null, 404, 404, 200));
        // Administration: the admin role only.
        rows.add(admin("GET", w -> "/api/admin/figures", null, 200));
        rows.add(admin("GET", w -> "/api/admin/files", null, 200));
        rows.add(admin("GET", w -> "/api/admin/users?q=" + w.owner().user().account(), null, 200));
        rows.add(admin("GET", w -> "/api/admin/users/" + w.owner().uid(), null, 200));
        rows.add(admin("GET", w -> "/api/admin/groups/" + w.gid(), null, 200));
        // The edit audit: the admin's only (a message that does not exist: 404 to the admin, 403 to users).
        rows.add(admin("GET", w -> "/api/admin/messages/" + w.owner().uid() + "/no-such-message/edits", null, 404));
        rows.add(admin("POST", w -> "/api/admin/users/" + w.member().uid() + "/kick", "{}", 204));
        rows.add(admin("POST", w -> "/api/admin/users/" + w.member().uid() + "/devices/phone/kick", "{}", 204));
        rows.add(admin("POST", w -> "/api/admin/users/" + w.member().uid() + "/enable", "{}", 200));
        rows.add(admin("POST", w -> "/api/admin/users/" + w.member().uid() + "/disable", "{}", 200));
        rows.add(admin("POST", w -> "/api/admin/notices", obj("text", "matrix").toString(), 201));
        // Company sign-in (docs/SSO.md), off on this server: open paths say so to anyone, token or not;
        // deprovisioning is the admin's, and answers it 404 sso_not_configured. SsoIT tests them switched on.
        rows.add(open("GET", w -> "/api/auth/sso", null, 200));
        rows.add(open("POST", w -> "/api/auth/sso/token", obj("subject_token", "x", "did", "phone").toString(), 404));
        // The IdP's back-channel takes a form only: this JSON is malformed (400) to anyone, token or not.
        rows.add(open("POST", w -> "/api/auth/sso/backchannel-logout", "{}", 400));
        rows.add(admin("POST", w -> "/api/admin/sso/deprovision", obj("subject", "someone").toString(), 404));
        return rows;
    }

    /** No token and revoked tokens: 401; then stranger, admin and owner. */
    private static Row row(String method, Function<World, String> path, String body, int other, int admin, int owner) {
        Map<Caller, Integer> expected = unauthenticated();
        expected.put(Caller.OTHER, other);
        expected.put(Caller.ADMIN, admin);
        expected.put(Caller.OWNER, owner);
        return new Row(method, path, w -> body, expected);
    }

    private static Row self(String method, Function<World, String> path, String body) {
        return self(method, path, body, 200);
    }

    private static Row self(String method, Function<World, String> path, String body, int status) {
        return row(method, path, body, status, status, status);
    }

    /** Users get 403 (a role, not a resource, is missing); the owner of nothing special either. */
    private static Row admin(String method, Function<World, String> path, String body, int status) {
        return row(method, path, body, 403, status, 403);
    }

    /** An open path (web.xml): the same answer to every caller, whatever token it sends. */
    private static Row open(String method, Function<World, String> path, String body, int status) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            expected.put(caller, status);
        }
        return new Row(method, path, w -> body, expected);
    }

    private static Map<Caller, Integer> unauthenticated() {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        for (Caller caller : List.of(Caller.NO_TOKEN, Caller.LOGGED_OUT, Caller.DEVICE_REMOVED, Caller.USER_DISABLED)) {
            expected.put(caller, UNAUTHORIZED);
        }
        return expected;
    }

    /** Owner with a friend, a member in the owner's group, a pending request to the owner; a stranger. */
    private World world() {
        TestUser owner = people.user("owner");
        TestUser other = people.user("other");
        TestUser member = people.user("member");
        TestUser friend = people.user("friend");
        TestUser applicant = people.user("applicant");
        people.befriend(owner, friend);
        Login ownerLogin = people.login(owner, "phone");
        people.login(owner, "tablet");
        // Before the group exists, so the first frame is the answer and not the group's notice.
        try (WsClient socket = people.connect(ownerLogin)) {
            socket.send(Frames.c2c(Frames.newId(), friend.uid(), "a conversation to read"));
            assertEquals("C2C_SERVER_ACK", socket.nextJson().getString("type"));
        }
        Login memberLogin = people.login(member, "phone");
        String gid = people.group(ownerLogin, "matrix", member);
        Rest.Reply request = rest.post("/api/friends/requests", obj("to", owner.uid()),
                people.login(applicant, "phone").token());
        assertEquals(201, request.status(), request::toString);
        FileTransfer files = new FileTransfer(rest.base());
        String fid = files.upload(ownerLogin.token(), "C2G", gid, "matrix.png", FileTransfer.png(400, 300)).id();
        Awaitility.await("thumbnail of " + fid).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> files.download(ownerLogin.token(), "/api/files/" + fid + "/thumbnail", Map.of()).status() == 200);
        return new World(ownerLogin, people.login(other, "phone"), memberLogin, gid,
                request.json().getString("id"), friend.uid(), fid);
    }

    private Map<Caller, String> revokedTokens(Login admin) {
        Users.Revoked revoked = people.revokedLogins(admin);
        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        tokens.put(Caller.LOGGED_OUT, revoked.loggedOut().token());
        tokens.put(Caller.DEVICE_REMOVED, revoked.deviceRemoved().token());
        tokens.put(Caller.USER_DISABLED, revoked.userDisabled().token());
        return tokens;
    }
}
