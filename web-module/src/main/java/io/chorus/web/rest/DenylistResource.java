package io.chorus.web.rest;

import io.chorus.app.account.Caller;
import io.chorus.app.friend.FriendService;
import io.chorus.app.friend.FriendViews.DeniedView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The caller's deny-list: users whose messages and friend requests it refuses (SPEC §7). */
@Path("denylist")
@RequestScoped
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class DenylistResource {
    @Inject
    FriendService friends;

    @Inject
    Caller caller;

    @GET
    public List<DeniedView> denylist() {
        return friends.denylist(caller);
    }

    @PUT
    @Path("{uid}")
    public Response deny(@PathParam("uid") String uid) {
        friends.deny(caller, uid);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{uid}")
    public Response undeny(@PathParam("uid") String uid) {
        friends.undeny(caller, uid);
        return Response.noContent().build();
    }
}
