package io.chorus.web.rest.security;

import io.chorus.app.account.AccountService;
import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * Authenticates REST calls for the container from {@code Authorization: Bearer <access token>}.
 * The container then enforces the roles of web.xml ({@code user} for the API, {@code admin} for
 * the admin API), so no resource checks roles by hand. The checked {@link Caller} is left on the
 * request for {@link CallerProducer}.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {
    static final String CALLER_ATTRIBUTE = "io.chorus.caller";
    public static final String ERROR_ATTRIBUTE = "io.chorus.auth-error";
    private static final String BEARER = "bearer ";

    @Inject
    AccountService accounts;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (!context.isProtected()) {
            // The container asks about every request; only web.xml's protected ones need a caller. The
            // sockets check their token themselves, after the upgrade (SPEC §4): a log-in here would
            // cost a database read per connect and leave an identity on each socket for its life.
            return context.doNothing();
        }
        String header = request.getHeader("Authorization");
        if (header == null) {
            return refuse(context, ErrorCode.TOKEN_INVALID);
        }
        String token = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : header.trim();
        try {
            Caller caller = accounts.authenticate(token);
            request.setAttribute(CALLER_ATTRIBUTE, caller);
            Set<String> groups = caller.admin() ? Set.of(Roles.USER, Roles.ADMIN) : Set.of(Roles.USER);
            return context.notifyContainerAboutLogin(new CallerPrincipal(caller.uid()), groups);
        } catch (ChorusException e) {
            return refuse(context, e.code());
        }
    }

    /**
     * Leaves the verdict on the request and lets the container answer 401; its error page
     * ({@link io.chorus.web.rest.ErrorPageServlet}) renders the problem document. Writing the
     * body here would race the container's own sendError.
     */
    private static AuthenticationStatus refuse(HttpMessageContext context, ErrorCode code) {
        context.getRequest().setAttribute(ERROR_ATTRIBUTE, code);
        context.getResponse().setHeader("WWW-Authenticate", "Bearer");
        return context.responseUnauthorized();
    }
}
