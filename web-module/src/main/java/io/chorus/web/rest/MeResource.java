package io.chorus.web.rest;

import io.chorus.app.account.AccountService;
import io.chorus.app.account.AccountViews.UserView;
import io.chorus.app.account.Caller;
import io.chorus.app.account.PrivacyService;
import io.chorus.app.account.PrivacyService.PrivacyView;
import io.chorus.app.presence.DeviceService.DevicePatch;
import io.chorus.app.presence.DeviceService.DeviceView;
import io.chorus.app.presence.DeviceService;
import io.chorus.app.presence.PresenceService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The caller's own profile, presence and devices. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    @Inject
    AccountService accounts;

    @Inject
    PresenceService presence;

    @Inject
    DeviceService devices;

    @Inject
    PrivacyService privacy;

    @Inject
    Caller caller;

    @GET
    public UserView me() {
        return accounts.me(caller);
    }

    /** The presence the caller chose: {@code online} or {@code hide}. */
    @GET
    @Path("presence")
    public PresenceState presence() {
        return new PresenceState(presence.presenceOf(caller));
    }

    @PUT
    @Path("presence")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response choosePresence(PresenceState state) {
        presence.choose(caller, state == null ? null : state.state());
        return Response.noContent().build();
    }

    /** The caller's privacy choices: {@code {"read_receipts": true}}. */
    @GET
    @Path("privacy")
    public PrivacyView privacy() {
        return privacy.privacy(caller);
    }

    @PUT
    @Path("privacy")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response choosePrivacy(PrivacyView choice) {
        privacy.choose(caller, choice);
        return Response.noContent().build();
    }

    @GET
    @Path("devices")
    public List<DeviceView> devices() {
        return devices.list(caller);
    }

    @PATCH
    @Path("devices/{did}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rename(@PathParam("did") String did, DevicePatch patch) {
        devices.rename(caller, did, patch);
        return Response.noContent().build();
    }

    @DELETE
    @Path("devices/{did}")
    public Response remove(@PathParam("did") String did) {
        devices.remove(caller, did);
        return Response.noContent().build();
    }

    public record PresenceState(String state) {
    }
}
