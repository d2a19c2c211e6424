package io.chorus.web.rest;

import io.chorus.app.account.AccountService;
import io.chorus.app.account.AccountViews.LoginCommand;
import io.chorus.app.account.AccountViews.LoginView;
import io.chorus.app.account.AccountViews.RefreshView;
import io.chorus.app.account.AccountViews.SignupCommand;
import io.chorus.app.account.AccountViews.UserView;
import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.sso.SsoService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Sign-up, log-in, refresh and log-out (SPEC §3, §12). */
@Path("auth")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    @Inject
    AccountService accounts;

    /** Refreshes go through single sign-on: a device signed in through the IdP is re-checked there. */
    @Inject
    SsoService sso;

    /** Looked up lazily: only log-out has a caller; the other three are called without a token. */
    @Inject
    Instance<Caller> caller;

    @POST
    @Path("signup")
    public Response signup(SignupCommand command) {
        UserView user = accounts.signup(required(command));
        return Response.status(Response.Status.CREATED).entity(user).build();
    }

    @POST
    @Path("login")
    public LoginView login(LoginCommand command, @Context HttpServletRequest request) {
        // Behind a proxy this is the proxy's address unless the listener trusts its forwarding
        // headers (WildFly: proxy-address-forwarding; see docs/SECURITY.md).
        return accounts.login(required(command), request.getRemoteAddr());
    }

    @POST
    @Path("refresh")
    public RefreshView refresh(RefreshRequest request) {
        return sso.refresh(required(request).refreshtoken());
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.WILDCARD)
    public Response logout() {
        accounts.logout(caller.get());
        return Response.noContent().build();
    }

    public record RefreshRequest(String refreshtoken) {
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw ChorusException.invalid("a JSON body is required");
        }
        return body;
    }
}
