package io.chorus.web.rest;

import io.chorus.app.account.Caller;
import io.chorus.app.push.PushService;
import io.chorus.app.push.PushService.PreviewView;
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

/** The caller's push preview policy and mute list (docs/PUSH.md). */
@Path("me/push")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PushSettingsResource {
    @Inject
    PushService pushes;

    @Inject
    Caller caller;

    @GET
    @Path("preview")
    public PreviewView preview() {
        return pushes.preview(caller);
    }

    /** {@code {"preview":"full"|"sender"|"none"}}; {@code null} returns to the installation's policy. */
    @PUT
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public PreviewView choosePreview(PreviewChoice choice) {
        return pushes.choosePreview(caller, choice == null ? null : choice.preview());
    }

    /** {@code kind}: {@code users} (a contact) or {@code groups}; 200 {@code {"muted":…}}. */
    @GET
    @Path("mutes/{kind}/{id}")
    public Muted muted(@PathParam("kind") String kind, @PathParam("id") String id) {
        return new Muted(pushes.muted(caller, kind, id));
    }

    @PUT
    @Path("mutes/{kind}/{id}")
    public Response mute(@PathParam("kind") String kind, @PathParam("id") String id) {
        pushes.mute(caller, kind, id, true);
        return Response.noContent().build();
    }

    @DELETE
    @Path("mutes/{kind}/{id}")
    public Response unmute(@PathParam("kind") String kind, @PathParam("id") String id) {
        pushes.mute(caller, kind, id, false);
        return Response.noContent().build();
    }

    public record PreviewChoice(String preview) {
    }

    public record Muted(boolean muted) {
    }
}
