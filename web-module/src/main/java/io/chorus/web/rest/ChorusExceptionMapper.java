package io.chorus.web.rest;

import io.chorus.app.error.ChorusException;
import jakarta.ejb.EJBException;
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

    /** An application exception may reach the web tier wrapped by the EJB container. */
    @Provider
    public static class Unwrapping implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof ChorusException)) {
                cause = cause.getCause();
            }
            if (cause instanceof ChorusException chorus) {
                return response(chorus);
            }
            return new UnexpectedExceptionMapper().toResponse(e);
        }
    }
}
