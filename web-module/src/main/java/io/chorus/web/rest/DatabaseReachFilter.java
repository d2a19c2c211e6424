package io.chorus.web.rest;

import io.chorus.app.error.DatabaseReach;
import io.chorus.app.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Every REST call needs the database: while it is known to be out of reach ({@link DatabaseReach})
 * a call is answered 503 {@code unavailable} at once rather than waiting out the driver's timeouts.
 */
@Provider
@PreMatching
public class DatabaseReachFilter implements ContainerRequestFilter {
    @Inject
    DatabaseReach reach;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!reach.reachable()) {
            request.abortWith(Problem.response(ErrorCode.UNAVAILABLE, null));
        }
    }
}
