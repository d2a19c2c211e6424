package io.chorus.web.rest;

import io.chorus.app.account.Caller;
import io.chorus.app.friend.FriendService;
import io.chorus.app.friend.FriendViews.AcceptCommand;
import io.chorus.app.friend.FriendViews.FriendPatch;
import io.chorus.app.friend.FriendViews.FriendView;
import io.chorus.app.friend.FriendViews.RequestCommand;
import io.chorus.app.friend.FriendViews.RequestOutcome;
import io.chorus.app.friend.FriendViews.RequestView;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Friend requests and the friend list (SPEC §7, §12). */
@Path("friends")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FriendResource {
    @Inject
    FriendService friends;

    @Inject
    Caller caller;

    /** 201 with the new request; 200 with the caller's open request to the same user, unchanged. */
    @POST
    @Path("requests")
    public Response request(RequestCommand command) {
        RequestOutcome outcome = friends.request(caller, command);
        return Response.status(outcome.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(outcome.request()).build();
    }

    @GET
    @Path("requests")
    public List<RequestView> requests(@QueryParam("box") String box) {
        return friends.requests(caller, box);
    }

    @POST
    @Path("requests/{id}/accept")
    @Consumes(MediaType.WILDCARD)
    public RequestView accept(@PathParam("id") String id, AcceptCommand command) {
        return friends.accept(caller, id, command);
    }

    @POST
    @Path("requests/{id}/reject")
    @Consumes(MediaType.WILDCARD)
    public RequestView reject(@PathParam("id") String id) {
        return friends.reject(caller, id);
    }

    @POST
    @Path("requests/{id}/ignore")
    @Consumes(MediaType.WILDCARD)
    public RequestView ignore(@PathParam("id") String id) {
        return friends.ignore(caller, id);
    }

    @GET
    public List<FriendView> friends() {
        return friends.friends(caller);
    }

    @PATCH
    @Path("{uid}")
    public Response update(@PathParam("uid") String uid, FriendPatch patch) {
        friends.update(caller, uid, patch);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{uid}")
    @Consumes(MediaType.WILDCARD)
    public Response delete(@PathParam("uid") String uid) {
        friends.delete(caller, uid);
        return Response.noContent().build();
    }
}
