package io.chorus.web.rest;

import io.chorus.app.account.Caller;
import io.chorus.app.admin.AdminService;
import io.chorus.app.file.FileService;
import io.chorus.app.file.FileViews.StorageView;
import io.chorus.app.admin.AdminViews.AdminUserDetail;
import io.chorus.app.admin.AdminViews.AdminUserView;
import io.chorus.app.admin.AdminViews.BroadcastCommand;
import io.chorus.app.admin.AdminViews.BroadcastResult;
import io.chorus.app.admin.AdminViews.Figures;
import io.chorus.app.group.GroupService;
import io.chorus.app.group.GroupViews.GroupView;
import io.chorus.app.message.MessageEdits;
import io.chorus.app.message.MessageEdits.EditAudit;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The admin API (SPEC §9) under {@code /api/admin}: the container lets only the {@code admin} role
 * in (web.xml), so these methods just call the service.
 */
@Path("admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Operators only (role admin): cluster figures, users, kicks, notices, groups")
public class AdminResource {
    @Inject
    AdminService admin;

    @Inject
    GroupService groups;

    @Inject
    MessageEdits edits;

    @Inject
    FileService files;

    @Inject
    Caller caller;

    @GET
    @Path("figures")
    public Figures figures() {
        return admin.figures();
    }

    /** Files: storage used and the ten largest uploaders (docs/FILES.md). */
    @GET
    @Path("files")
    public StorageView files() {
        return files.storage();
    }

    @GET
    @Path("users")
    public List<AdminUserView> users(@QueryParam("q") String query) {
        return admin.searchUsers(query);
    }

    @GET
    @Path("users/{uid}")
    public AdminUserDetail user(@PathParam("uid") String uid) {
        return admin.user(uid);
    }

    /** Disables the user: sockets closed everywhere, logins and tokens refused until enabled again. */
    @POST
    @Path("users/{uid}/disable")
    public AdminUserView disable(@PathParam("uid") String uid) {
        return admin.setEnabled(caller, uid, false);
    }

    @POST
    @Path("users/{uid}/enable")
    public AdminUserView enable(@PathParam("uid") String uid) {
        return admin.setEnabled(caller, uid, true);
    }

    /** Closes every socket of the user (close 4007); they may reconnect. */
    @POST
    @Path("users/{uid}/kick")
    public Response kickUser(@PathParam("uid") String uid) {
        admin.kick(caller, uid, null);
        return Response.noContent().build();
    }

    @POST
    @Path("users/{uid}/devices/{did}/kick")
    public Response kickDevice(@PathParam("uid") String uid, @PathParam("did") String did) {
        admin.kick(caller, uid, did);
        return Response.noContent().build();
    }

    /** A {@code system_notice} to the given {@code uids}, or to everyone when they are left out. */
    @POST
    @Path("notices")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response broadcast(BroadcastCommand command) {
        BroadcastResult result = admin.broadcast(caller, command);
        return Response.status(Response.Status.CREATED).entity(result).build();
    }

    /** A message's edit audit: its current payload and every earlier version, the original first (issue 25). */
    @GET
    @Path("messages/{uid}/{msgId}/edits")
    public EditAudit messageEdits(@PathParam("uid") String uid, @PathParam("msgId") String msgId) {
        return edits.audit(uid, msgId);
    }

    @GET
    @Path("groups/{gid}")
    public GroupView group(@PathParam("gid") String gid) {
        return groups.inspect(gid);
    }
}
