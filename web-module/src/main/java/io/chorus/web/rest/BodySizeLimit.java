package io.chorus.web.rest;

import io.chorus.app.error.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** No REST body of Chorus needs more than 64 KiB; bigger ones are refused before parsing. */
@Provider
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {
    static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BODY_BYTES) {
            request.abortWith(Problem.response(ErrorCode.PAYLOAD_TOO_LARGE, "Request bodies are limited to 64 KiB."));
        }
    }
}
