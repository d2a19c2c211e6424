package io.chorus.web.rest;

import io.chorus.app.account.Caller;
import io.chorus.app.file.FileService;
import io.chorus.app.file.FileViews.FileLink;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Downloads of files (docs/FILES.md), for the members of the file's conversation only: single byte
 * ranges, {@code ETag}/{@code If-None-Match}, and headers that keep a browser from running
 * anything: only raster images, audio and video are {@code inline}; everything else is an
 * {@code attachment}, never sniffed, and sandboxed.
 */
@Path("files")
@RequestScoped
public class FileResource {
    @Inject
    FileService files;

    @Inject
    Caller caller;

    @GET
    @Path("{id}")
    public Response download(@PathParam("id") String id, @HeaderParam("Range") String range,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve(id, false, range, ifNoneMatch);
    }

    @GET
    @Path("{id}/thumbnail")
    public Response thumbnail(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve(id, true, null, ifNoneMatch);
    }

    /** A signed link for what cannot send a token ({@code <img>}, {@code <video>}); see docs/FILES.md. */
    @GET
    @Path("{id}/link")
    @Produces(MediaType.APPLICATION_JSON)
    public FileLink link(@PathParam("id") String id, @QueryParam("thumbnail") boolean thumbnail, @QueryParam("ttl") String ttl) {
        return files.link(caller, id, thumbnail, QueryParams.optionalLong("ttl", ttl));
    }

    private Response serve(String id, boolean thumbnail, String rangeHeader, String ifNoneMatch) {
        return FileResponses.serve(files.describe(caller, id, thumbnail), rangeHeader, ifNoneMatch,
                (offset, length) -> files.open(caller, id, thumbnail, offset, length));
    }
}
