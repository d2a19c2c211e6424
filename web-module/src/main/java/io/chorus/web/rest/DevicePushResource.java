package io.chorus.web.rest;

import io.chorus.app.account.Caller;
import io.chorus.app.push.PushService;
import io.chorus.app.push.PushService.RegistrationCommand;
import io.chorus.app.push.PushService.RegistrationView;
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

/** One of the caller's devices' push registration and foreground state (docs/PUSH.md). */
@Path("me/devices/{did}/push")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DevicePushResource {
    @Inject
    PushService pushes;

    @Inject
    Caller caller;

    @PathParam("did")
    String did;

    @GET
    public RegistrationView registration() {
        return pushes.registration(caller, did);
    }

    /** Sets or replaces the device's registration. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public RegistrationView register(RegistrationCommand command) {
        return pushes.register(caller, did, command);
    }

    @DELETE
    public Response unregister() {
        pushes.unregister(caller, did);
        return Response.noContent().build();
    }

    /** {@code {"state":"background"}} or {@code "foreground"}: whether a connected device still gets pushes. */
    @PUT
    @Path("state")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response declare(AppState state) {
        pushes.declare(caller, did, state == null ? null : state.state());
        return Response.noContent().build();
    }

    public record AppState(String state) {
    }
}
