package io.chorus.web.rest;

import io.chorus.app.account.Caller;
import io.chorus.app.file.ResumableUploads;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * Resumable uploads, tus 1.0 core (docs/FILES.md): {@code HEAD} tells how many bytes the server
 * has, {@code PATCH} sends more from there. Created by
 * {@code POST /api/conversations/{type}/{id}/uploads}; the caller's own uploads only.
 */
@Path("uploads")
@RequestScoped
public class UploadResource {
    @Inject
    ResumableUploads uploads;

    @Inject
    Caller caller;

    @HEAD
    @Path("{id}")
    public Response state(@PathParam("id") String id) {
        return TusHeaders.tus(Response.ok(), uploads.state(caller, id)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({"application/offset+octet-stream", MediaType.APPLICATION_OCTET_STREAM})
    public Response append(@PathParam("id") String id, @HeaderParam("Upload-Offset") String offset, InputStream body) {
        return TusHeaders.tus(Response.noContent(), uploads.append(caller, id, TusHeaders.number("Upload-Offset", offset), body)).build();
    }

    @OPTIONS
    public Response options() {
        return Response.noContent().header("Tus-Resumable", TusHeaders.VERSION).header("Tus-Version", TusHeaders.VERSION)
                .header("Tus-Extension", "creation").build();
    }
}
