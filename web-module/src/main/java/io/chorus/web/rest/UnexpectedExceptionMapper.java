package io.chorus.web.rest;

import io.chorus.app.error.DatabaseReach;
import io.chorus.app.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything that is not a business failure: unreadable bodies are 400, JAX-RS's own errors keep
 * their status, and anything else is a 500 that says nothing about the server's insides.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Inject
    DatabaseReach reach;

    @Override
    public Response toResponse(Throwable e) {
        return response(reach, e);
    }

    /** The answer to {@code e}; {@code reach} learns of a database out of reach. */
    static Response response(DatabaseReach reach, Throwable e) {
        if (isUnreadableBody(e)) {
            return Problem.response(ErrorCode.MALFORMED, "The request body is not valid JSON of the expected shape.");
        }
        if (e instanceof NotFoundException || e instanceof NotAllowedException) {
            return Problem.response(ErrorCode.NOT_FOUND, null);
        }
        if (e instanceof NotSupportedException) {
            return Problem.response(ErrorCode.MALFORMED, "Send application/json.");
        }
        if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return Problem.response(ErrorCode.MALFORMED, null);
        }
        ErrorCode code = reach.codeOf(e);
        LOG.log(code == ErrorCode.INTERNAL ? Level.SEVERE : Level.FINE, "Unexpected failure in a REST call", e);
        return Problem.response(code, null);
    }

    private static boolean isUnreadableBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException || t instanceof ProcessingException) {
                return true;
            }
        }
        return e instanceof WebApplicationException web && web.getResponse().getStatus() == 400;
    }
}
