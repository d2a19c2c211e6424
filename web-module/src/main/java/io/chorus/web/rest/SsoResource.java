package io.chorus.web.rest;

import io.chorus.app.account.AccountViews.LoginView;
import io.chorus.app.sso.SsoService;
import io.chorus.app.sso.SsoViews.ExchangeCommand;
import io.chorus.app.sso.SsoViews.SsoInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Company sign-in for apps (docs/SSO.md): what is configured, and the token exchange. */
@Path("auth/sso")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource {
    @Inject
    SsoService sso;

    /** Whether single sign-on is on, and whether password log-in still is: apps choose their sign-in screen. */
    @GET
    public SsoInfo info() {
        return sso.info();
    }

    /** An access token from the company's IdP for Chorus → Chorus tokens for the device, as at log-in. */
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    public LoginView exchange(ExchangeCommand command) {
        return sso.exchange(command);
    }
}
