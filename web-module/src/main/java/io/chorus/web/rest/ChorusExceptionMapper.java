package io.chorus.web.rest;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.DatabaseReach;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Business failures from the services become problem+json with their catalogue entry. */
@Provider
public class ChorusExceptionMapper implements ExceptionMapper<ChorusException> {
    @Override
    public Response toResponse(ChorusException e) {
        return response(e);
    }

    static Response response(ChorusException e) {
        Response problem = Problem.response(e.code(), e.getMessage());
        if (e.retryAfterSeconds() > 0) {
            return Response.fromResponse(problem).header("Retry-After", e.retryAfterSeconds()).build();
        }
        return problem;
    }

    /**
     * An application exception may reach the web tier wrapped by the EJB container; anything else
     * it wraps is answered as {@link UnexpectedExceptionMapper} answers it — with this mapper's own
     * {@link DatabaseReach}: a mapper made with {@code new} has none injected, and every wrapped
     * failure (a database out of reach, a statement PostgreSQL cancelled) ended in a
     * NullPointerException and {@code internal}.
     */
    @Provider
    public static class Unwrapping implements ExceptionMapper<EJBException> {
        @Inject
        DatabaseReach reach;

        @Override
        public Response toResponse(EJBException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof ChorusException)) {
                cause = cause.getCause();
            }
            if (cause instanceof ChorusException chorus) {
                return response(chorus);
            }
            return UnexpectedExceptionMapper.response(reach, e);
        }
    }
}
