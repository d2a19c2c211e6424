package io.chorus.it.group;

import static io.chorus.it.group.Groups.assertProblem;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configurable size limit (SPEC §4), on a node of its own with a limit of three members: the
 * default of 2,000 is the same code path, only slower to reach.
 */
class GroupLimitIT {

    @Test
    void aFullGroup_refusesCreateAddAndJoin_withGroupFull_andChangesNothing() {
        try (ServerProcess node = ServerProcess.prepare("group-limit", 800,
                ServerProcess.postgres("CHORUS_GROUP_MAX_MEMBERS", "3")).start()) {
            Rest rest = new Rest(node.baseUri());
            People people = new People(rest);
            TestUser alice = people.user("alice");
            TestUser bob = people.user("bob");
            TestUser carol = people.user("carol");
            TestUser dave = people.user("dave");
            Login a = people.login(alice, "phone");
            Login b = people.login(bob, "phone");
            Login d = people.login(dave, "phone");

            Map<String, String> before = Groups.snapshot();
            assertProblem(rest.post("/api/groups", obj("title", "Too big", "open", true,
                    "members", Groups.uids(List.of(bob.uid(), carol.uid(), dave.uid()))), a.token()), 409, "group_full");
            assertEquals(before, Groups.snapshot(), "the creator counts: four is one too many, and no group is left behind");

            String gid = Groups.createView(rest, a, "Just right", true, List.of(bob.uid(), carol.uid())).getString("gid");
            before = Groups.snapshot();
            assertProblem(rest.post("/api/groups/" + gid + "/members", obj("uids", Groups.uids(List.of(dave.uid()))), a.token()),
                    409, "group_full");
            assertProblem(rest.post("/api/groups/" + gid + "/join", "{}", d.token()), 409, "group_full");
            assertEquals(before, Groups.snapshot());
            assertEquals(3, Groups.detail(rest, gid, a).getInt("member_count"));

            // A seat frees up: the same join now succeeds.
            Groups.remove(rest, gid, b, bob.uid());
            assertEquals(204, rest.post("/api/groups/" + gid + "/join", "{}", d.token()).status());
            assertEquals(3, Groups.detail(rest, gid, d).getInt("member_count"));
        }
    }
}
