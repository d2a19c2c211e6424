package io.chorus.web.rest;

import io.chorus.app.error.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * No JSON body of Chorus needs more than 64 KiB; bigger ones are refused before parsing. File
 * uploads have the installation's own limit ({@code chorus.files.max-bytes}): a {@code Content-Length}
 * over it is refused here, before a byte of the body is read; a body without one is counted as it
 * streams (FileService). The parts of a resumable upload ({@code PATCH /uploads/{id}}) likewise.
 */
@Provider
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern UPLOAD = Pattern.compile("/?conversations/[^/]+/[^/]+/files/?");
    private static final Pattern UPLOAD_PART = Pattern.compile("/?uploads/[^/]+/?");

    private volatile long maxFileBytes = -1;

    @Override
    public void filter(ContainerRequestContext request) {
        long length = request.getLength();
        if (length < 0) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (("POST".equals(request.getMethod()) && UPLOAD.matcher(path).matches())
                || ("PATCH".equals(request.getMethod()) && UPLOAD_PART.matcher(path).matches())) {
            long limit = maxFileBytes();
            if (length > limit) {
                request.abortWith(Problem.response(ErrorCode.PAYLOAD_TOO_LARGE, "Files are limited to " + limit + " bytes."));
            }
        } else if (length > MAX_BODY_BYTES) {
            request.abortWith(Problem.response(ErrorCode.PAYLOAD_TOO_LARGE, "Request bodies are limited to 64 KiB."));
        }
    }

    private long maxFileBytes() {
        if (maxFileBytes < 0) {
            maxFileBytes = ConfigProvider.getConfig().getValue("chorus.files.max-bytes", Long.class);
        }
        return maxFileBytes;
    }
}
