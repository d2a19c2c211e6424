package io.chorus.web.rest;

import io.chorus.app.account.Caller;
import io.chorus.app.group.GroupService;
import io.chorus.app.group.GroupViews.AddMembers;
import io.chorus.app.group.GroupViews.CreateGroup;
import io.chorus.app.group.GroupViews.EditGroup;
import io.chorus.app.group.GroupViews.GroupView;
import io.chorus.app.group.GroupViews.MemberPatch;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Groups and their members (SPEC §7, §12). */
@Path("groups")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GroupResource {
    @Inject
    GroupService groups;

    @Inject
    Caller caller;

    @POST
    public Response create(CreateGroup command) {
        return Response.status(Response.Status.CREATED).entity(groups.create(caller, command)).build();
    }

    @GET
    public List<GroupView> mine() {
        return groups.mine(caller);
    }

    @GET
    @Path("{gid}")
    public GroupView detail(@PathParam("gid") String gid) {
        return groups.detail(caller, gid);
    }

    @PATCH
    @Path("{gid}")
    public GroupView edit(@PathParam("gid") String gid, EditGroup edit) {
        return groups.edit(caller, gid, edit);
    }

    @DELETE
    @Path("{gid}")
    @Consumes(MediaType.WILDCARD)
    public Response dissolve(@PathParam("gid") String gid) {
        groups.dissolve(caller, gid);
        return Response.noContent().build();
    }

    @POST
    @Path("{gid}/members")
    public Response add(@PathParam("gid") String gid, AddMembers add) {
        groups.addMembers(caller, gid, add);
        return Response.noContent().build();
    }

    /** Removes a member, or leaves when {@code uid} is the caller. */
    @DELETE
    @Path("{gid}/members/{uid}")
    @Consumes(MediaType.WILDCARD)
    public Response remove(@PathParam("gid") String gid, @PathParam("uid") String uid) {
        groups.removeMember(caller, gid, uid);
        return Response.noContent().build();
    }

    @PATCH
    @Path("{gid}/members/{uid}")
    public Response update(@PathParam("gid") String gid, @PathParam("uid") String uid, MemberPatch patch) {
        groups.updateMember(caller, gid, uid, patch);
        return Response.noContent().build();
    }

    @POST
    @Path("{gid}/join")
    @Consumes(MediaType.WILDCARD)
    public Response join(@PathParam("gid") String gid) {
        groups.join(caller, gid);
        return Response.noContent().build();
    }
}
