package io.chorus.web.rest.security;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** Makes the caller that {@link BearerTokenMechanism} checked injectable into resources. */
@RequestScoped
public class CallerProducer {
    @Inject
    HttpServletRequest request;

    /** Dependent, not request-scoped: a record cannot be proxied, and it never changes within a request. */
    @Produces
    Caller caller() {
        Object caller = request.getAttribute(BearerTokenMechanism.CALLER_ATTRIBUTE);
        if (caller instanceof Caller checked) {
            return checked;
        }
        // Only reachable if web.xml stopped protecting a resource that needs a caller.
        throw new ChorusException(ErrorCode.TOKEN_INVALID);
    }
}
