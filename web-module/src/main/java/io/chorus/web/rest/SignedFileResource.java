package io.chorus.web.rest;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.file.FileService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Downloads by signed link ({@code GET /api/files/{id}/link}, docs/FILES.md): no token, the
 * signature instead; the user the link was made for must still be a reader. web.xml leaves this
 * path open to anyone: the signature is the credential.
 */
@Path("shared-files")
@RequestScoped
public class SignedFileResource {
    @Inject
    FileService files;

    @GET
    @Path("{id}")
    public Response download(@PathParam("id") String id, @QueryParam("u") String uid, @QueryParam("e") String expires,
                             @QueryParam("s") String signature, @HeaderParam("Range") String range,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve(id, false, uid, expires, signature, range, ifNoneMatch);
    }

    @GET
    @Path("{id}/thumbnail")
    public Response thumbnail(@PathParam("id") String id, @QueryParam("u") String uid, @QueryParam("e") String expires,
                              @QueryParam("s") String signature, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve(id, true, uid, expires, signature, null, ifNoneMatch);
    }

    private Response serve(String id, boolean thumbnail, String uid, String expires, String signature, String range, String ifNoneMatch) {
        long until = expiry(expires);
        return FileResponses.serve(files.describeSigned(id, thumbnail, uid, until, signature), range, ifNoneMatch,
                (offset, length) -> files.openSigned(id, thumbnail, uid, until, signature, offset, length));
    }

    private static long expiry(String expires) {
        try {
            return Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw new ChorusException(ErrorCode.FORBIDDEN, "The link is invalid or has expired.");
        }
    }
}
