package io.chorus.web.rest;

import io.chorus.app.account.AccountViews.LoginView;
import io.chorus.app.error.ChorusException;
import io.chorus.app.sso.SsoService;
import io.chorus.app.sso.SsoService.ConsoleSignedIn;
import io.chorus.app.sso.SsoService.ConsoleStart;
import io.chorus.app.sso.SsoViews.ExchangeCommand;
import io.chorus.app.sso.SsoViews.SsoInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Company sign-in (docs/SSO.md): what is configured, the token exchange for apps, the console's browser sign-in. */
@Path("auth/sso")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource {
    static final String CONSOLE_COOKIE = "chorus_sso_attempt";
    /** Time to sign in at the IdP. */
    private static final int CONSOLE_COOKIE_SECONDS = 600;

    @Inject
    SsoService sso;

    /** Whether single sign-on is on, and whether password log-in still is: apps choose their sign-in screen. */
    @GET
    public SsoInfo info() {
        return sso.info();
    }

    /**
     * The admin console's "sign in with your company account": to the IdP's sign-in page, with the
     * attempt (state, nonce, PKCE verifier) in an HttpOnly cookie for the callback.
     */
    @GET
    @Path("console/start")
    public Response startConsole(@Context UriInfo uri, @Context HttpServletRequest request) {
        ConsoleStart start = sso.startConsoleSignIn(callback(uri));
        return Response.seeOther(start.authorization()).cookie(attemptCookie(start.cookie(), CONSOLE_COOKIE_SECONDS, request)).build();
    }

    /**
     * The IdP sends the browser back here. The console gets its Chorus token in the URL fragment
     * (never sent to a server; the console removes it from the address at once), or the reason
     * the sign-in failed.
     */
    @GET
    @Path("console/callback")
    public Response finishConsole(@Context UriInfo uri, @Context HttpServletRequest request,
                                  @CookieParam(CONSOLE_COOKIE) String cookie, @QueryParam("state") String state,
                                  @QueryParam("code") String code, @QueryParam("error") String error) {
        String fragment;
        try {
            ConsoleSignedIn signedIn = sso.finishConsoleSignIn(callback(uri), cookie, state, code, error);
            fragment = "sso_token=" + encode(signedIn.token()) + "&sso_account=" + encode(signedIn.account());
        } catch (ChorusException refused) {
            fragment = "sso_error=" + encode(refused.getMessage());
        }
        return Response.seeOther(uri.getBaseUri().resolve("../admin/#" + fragment))
                .cookie(attemptCookie("", 0, request)).build();
    }

    private static URI callback(UriInfo uri) {
        return uri.getBaseUriBuilder().path("auth/sso/console/callback").build();
    }

    private static NewCookie attemptCookie(String value, int maxAge, HttpServletRequest request) {
        return new NewCookie.Builder(CONSOLE_COOKIE).value(value).path("/api/auth/sso/console").maxAge(maxAge)
                .httpOnly(true).secure(request.isSecure()).sameSite(NewCookie.SameSite.LAX).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * OpenID Connect back-channel logout: the IdP posts a signed logout token when a person's
     * session ends there; their devices signed in through it are signed out.
     */
    @POST
    @Path("backchannel-logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response backchannelLogout(@FormParam("logout_token") String logoutToken) {
        sso.backchannelLogout(logoutToken);
        return Response.ok().header("Cache-Control", "no-store").build();
    }

    /** An access token from the company's IdP for Chorus → Chorus tokens for the device, as at log-in. */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    public LoginView exchange(ExchangeCommand command) {
        return sso.exchange(command);
    }
}
