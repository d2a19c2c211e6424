package io.chorus.web.rest;

import io.chorus.app.account.Caller;
import io.chorus.app.file.ByteRange;
import io.chorus.app.file.FileService;
import io.chorus.app.file.FileViews.FileBody;
import io.chorus.app.file.FileViews.FileMeta;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

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

    private Response serve(String id, boolean thumbnail, String rangeHeader, String ifNoneMatch) {
        FileMeta meta = files.describe(caller, id, thumbnail);
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(meta.etag()))) {
            return headers(Response.notModified(), meta).build();
        }
        Optional<ByteRange> range = ByteRange.parse(rangeHeader, meta.size());
        FileBody body = range.map(r -> files.open(caller, id, thumbnail, r.first(), r.length()))
                .orElseGet(() -> files.open(caller, id, thumbnail, 0, -1));
        StreamingOutput output = out -> {
            try (InputStream in = body.bytes()) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder response = range
                .map(r -> Response.status(Response.Status.PARTIAL_CONTENT).entity(output)
                        .header("Content-Range", r.contentRange(meta.size()))
                        .header(HttpHeaders.CONTENT_LENGTH, r.length()))
                .orElseGet(() -> Response.ok(output).header(HttpHeaders.CONTENT_LENGTH, meta.size()));
        return headers(response, meta).type(meta.inline() ? meta.type() : "application/octet-stream").build();
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder response, FileMeta meta) {
        return response.header(HttpHeaders.ETAG, meta.etag())
                .header("Accept-Ranges", "bytes")
                .header("Cache-Control", "private, max-age=86400")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("X-Chorus-Media-Type", meta.type())
                .header("Content-Disposition", (meta.inline() ? "inline" : "attachment") + "; filename*=UTF-8''"
                        + URLEncoder.encode(meta.name(), StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
