package io.chorus.it.group;

import static io.chorus.it.group.Groups.WAIT;
import static io.chorus.it.group.Groups.assertError;
import static io.chorus.it.group.Groups.assertProblem;
import static io.chorus.it.group.Groups.c2g;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roles owner / admin / member: muting, promotions, handing the group over, and every call refused for the wrong role. */
class GroupRolesIT extends BlackBoxIT {

    @Test
    void mutedMember_cannotSend_untilUnmuted_byTheOwnerOrAnAdmin() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        Login a = people.login(alice, "phone");
        Login c = people.login(carol, "phone");
        String gid = people.group(a, "Quiet please", bob, carol);
        // Bob's device comes after the creation, so his socket holds only what this test is about.
        Login b = people.login(bob, "phone");

        Groups.patchMember(rest, gid, a, bob.uid(), obj("muted", true));
        assertTrue(Groups.members(rest, gid, a).get(bob.uid()).getBoolean("muted"));
        assertTrue(Groups.detail(rest, gid, b).getBoolean("muted"), "bob's own view says so");

        try (WsClient bws = people.connect(b)) {
            // Connected for good before the snapshot: registering the socket is not what is measured.
            people.awaitOnline(b);
            Map<String, String> before = Groups.snapshot();
            String refused = newId();
            bws.send(c2g(refused, gid, "let me speak"));
            assertError(bws.nextJson(WAIT), refused, "muted");
            assertEquals(before, Groups.snapshot(), "a muted member's send stores nothing");

            Groups.patchMember(rest, gid, a, bob.uid(), obj("muted", false));
            assertFalse(Groups.detail(rest, gid, b).getBoolean("muted"));
            assertEquals(1, Groups.send(bws, b, gid, "thanks").getJsonNumber("seq").longValue());

            // An admin may mute and unmute a plain member as well.
            Groups.patchMember(rest, gid, a, carol.uid(), obj("role", "admin"));
            Groups.patchMember(rest, gid, c, bob.uid(), obj("muted", true));
            String again = newId();
            bws.send(c2g(again, gid, "and now?"));
            assertError(bws.nextJson(WAIT), again, "muted");
            assertEquals(0, Groups.stored(again));
            Groups.patchMember(rest, gid, c, bob.uid(), obj("muted", false));
            assertEquals(2, Groups.send(bws, b, gid, "back").getJsonNumber("seq").longValue());
        }
        assertEquals(List.of(1L, 2L), Groups.seqs(Groups.history(rest, gid, a, "").getJsonArray("messages")),
                "only the accepted sends are in the history");
    }

    @Test
    void rolesAreTheOwners_andHandingOverMakesTheOldOwnerAnAdmin() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        Login c = people.login(carol, "phone");
        String gid = people.group(a, "Handover", bob, carol);

        Groups.patchMember(rest, gid, a, carol.uid(), obj("role", "admin"));
        assertEquals("admin", Groups.members(rest, gid, a).get(carol.uid()).getString("role"));
        assertEquals("admin", Groups.detail(rest, gid, c).getString("role"));
        Groups.patchMember(rest, gid, a, carol.uid(), obj("role", "member"));
        assertEquals("member", Groups.detail(rest, gid, c).getString("role"));

        // The owner cannot give up the owner role without naming a successor.
        Map<String, String> before = Groups.snapshot();
        assertProblem(rest.send("PATCH", "/api/groups/" + gid + "/members/" + alice.uid(), obj("role", "admin").toString(), a.token()),
                409, "owner_must_transfer");
        assertProblem(rest.send("DELETE", "/api/groups/" + gid + "/members/" + alice.uid(), null, a.token()), 409, "owner_must_transfer");
        assertEquals(before, Groups.snapshot());

        Groups.patchMember(rest, gid, a, bob.uid(), obj("role", "owner"));
        JsonObject bobsView = Groups.detail(rest, gid, b);
        assertEquals(bob.uid(), bobsView.getString("owner"));
        assertEquals("owner", bobsView.getString("role"));
        Map<String, JsonObject> members = Groups.members(rest, gid, b);
        assertEquals("admin", members.get(alice.uid()).getString("role"), "the old owner becomes an admin");
        assertEquals("owner", members.get(bob.uid()).getString("role"));
        assertEquals(1, members.values().stream().filter(m -> m.getString("role").equals("owner")).count());

        // The new owner is bound, the old one is free.
        assertProblem(rest.send("DELETE", "/api/groups/" + gid, null, a.token()), 403, "forbidden");
        assertProblem(rest.send("PATCH", "/api/groups/" + gid + "/members/" + carol.uid(), obj("role", "admin").toString(), a.token()),
                403, "forbidden");
        assertProblem(rest.send("DELETE", "/api/groups/" + gid + "/members/" + bob.uid(), null, b.token()), 409, "owner_must_transfer");
        Groups.remove(rest, gid, a, alice.uid());
        assertProblem(rest.get("/api/groups/" + gid, a.token()), 404, "not_found");
        assertEquals(2, Groups.detail(rest, gid, b).getInt("member_count"));
        assertEquals(204, rest.send("DELETE", "/api/groups/" + gid, null, b.token()).status());
    }

    /**
     * The matrix: owner O, admins A and A2, members M and M2, a user X outside. Every call a role
     * does not allow is refused with its status and changes nothing; then the allowed ones pass.
     */
    @Test
    void everyCallRefusedForTheWrongRole_changesNothing() {
        TestUser owner = people.user("owner");
        TestUser admin = people.user("admin");
        TestUser admin2 = people.user("admintwo");
        TestUser member = people.user("member");
        TestUser member2 = people.user("membertwo");
        TestUser outsider = people.user("outsider");
        Login o = people.login(owner, "phone");
        Login ad = people.login(admin, "phone");
        Login ad2 = people.login(admin2, "phone");
        Login m = people.login(member, "phone");
        String gid = people.group(o, "Matrix", admin, admin2, member, member2);
        Groups.patchMember(rest, gid, o, admin.uid(), obj("role", "admin"));
        Groups.patchMember(rest, gid, o, admin2.uid(), obj("role", "admin"));
        String base = "/api/groups/" + gid;

        List<Cell> refused = List.of(
                new Cell("member edits the group", m, "PATCH", base, obj("title", "mine"), 403, "forbidden"),
                new Cell("member dissolves", m, "DELETE", base, null, 403, "forbidden"),
                new Cell("admin dissolves", ad, "DELETE", base, null, 403, "forbidden"),
                new Cell("member adds", m, "POST", base + "/members", obj("uids", Groups.uids(List.of(outsider.uid()))), 403, "forbidden"),
                new Cell("member removes a member", m, "DELETE", base + "/members/" + member2.uid(), null, 403, "forbidden"),
                new Cell("member removes an admin", m, "DELETE", base + "/members/" + admin.uid(), null, 403, "forbidden"),
                new Cell("admin removes an admin", ad, "DELETE", base + "/members/" + admin2.uid(), null, 403, "forbidden"),
                new Cell("admin removes the owner", ad, "DELETE", base + "/members/" + owner.uid(), null, 403, "forbidden"),
                new Cell("owner leaves", o, "DELETE", base + "/members/" + owner.uid(), null, 409, "owner_must_transfer"),
                new Cell("owner removes a non-member", o, "DELETE", base + "/members/" + outsider.uid(), null, 404, "not_found"),
                new Cell("admin promotes a member", ad, "PATCH", base + "/members/" + member.uid(), obj("role", "admin"), 403, "forbidden"),
                new Cell("admin demotes an admin", ad, "PATCH", base + "/members/" + admin2.uid(), obj("role", "member"), 403, "forbidden"),
                new Cell("admin demotes the owner", ad, "PATCH", base + "/members/" + owner.uid(), obj("role", "member"), 403, "forbidden"),
                new Cell("admin takes the group", ad, "PATCH", base + "/members/" + admin.uid(), obj("role", "owner"), 403, "forbidden"),
                new Cell("member promotes himself", m, "PATCH", base + "/members/" + member.uid(), obj("role", "admin"), 403, "forbidden"),
                new Cell("member promotes a member", m, "PATCH", base + "/members/" + member2.uid(), obj("role", "admin"), 403, "forbidden"),
                new Cell("member mutes a member", m, "PATCH", base + "/members/" + member2.uid(), obj("muted", true), 403, "forbidden"),
                new Cell("admin mutes an admin", ad, "PATCH", base + "/members/" + admin2.uid(), obj("muted", true), 403, "forbidden"),
                new Cell("admin mutes the owner", ad, "PATCH", base + "/members/" + owner.uid(), obj("muted", true), 403, "forbidden"),
                new Cell("owner mutes himself", o, "PATCH", base + "/members/" + owner.uid(), obj("muted", true), 403, "forbidden"),
                new Cell("owner patches a non-member", o, "PATCH", base + "/members/" + outsider.uid(), obj("muted", true), 404, "not_found"));

        Map<String, String> before = Groups.snapshot();
        JsonObject detailBefore = Groups.detail(rest, gid, o);
        List<String> wrong = new ArrayList<>();
        for (Cell cell : refused) {
            Rest.Reply reply = rest.send(cell.method(), cell.path(), cell.body() == null ? null : cell.body().toString(), cell.caller().token());
            if (reply.status() != cell.status() || !reply.isProblem() || !cell.reason().equals(reply.reason())) {
                wrong.add(cell.name() + ": expected " + cell.status() + " " + cell.reason() + ", got " + reply);
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(before, Groups.snapshot(), "no refused call changed anything");
        assertEquals(detailBefore, Groups.detail(rest, gid, o));

        // What the roles do allow.
        Rest.Reply edited = rest.send("PATCH", base, obj("title", "Matrix II", "description", "by an admin").toString(), ad.token());
        assertEquals(200, edited.status(), edited::toString);
        assertEquals("Matrix II", edited.json().getString("title"));
        assertEquals("by an admin", edited.json().getString("description"));
        assertEquals("admin", edited.json().getString("role"), "the view is the caller's");
        Groups.patchMember(rest, gid, ad, member.uid(), obj("muted", true));
        Groups.remove(rest, gid, ad, member2.uid());
        Groups.addMembers(rest, gid, ad, List.of(outsider.uid()));
        Groups.remove(rest, gid, ad2, ad2.uid());
        Map<String, JsonObject> members = Groups.members(rest, gid, o);
        assertEquals(java.util.Set.of(owner.uid(), admin.uid(), member.uid(), outsider.uid()), members.keySet());
        assertTrue(members.get(member.uid()).getBoolean("muted"));
        assertEquals("member", members.get(outsider.uid()).getString("role"));

        // A demoted admin loses the admin's rights at once.
        Groups.patchMember(rest, gid, o, admin.uid(), obj("role", "member"));
        assertProblem(rest.send("PATCH", base, obj("title", "no longer").toString(), ad.token()), 403, "forbidden");
        assertProblem(rest.send("PATCH", base + "/members/" + member.uid(), obj("muted", false).toString(), ad.token()), 403, "forbidden");
        assertEquals(204, rest.send("DELETE", base, null, o.token()).status());
    }

    private record Cell(String name, Login caller, String method, String path, JsonObject body, int status, String reason) {
    }
}
