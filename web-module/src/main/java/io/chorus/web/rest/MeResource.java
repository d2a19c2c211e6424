package io.chorus.web.rest;

import io.chorus.app.account.AccountService;
import io.chorus.app.account.AccountViews.UserView;
import io.chorus.app.account.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's own profile. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    @Inject
    AccountService accounts;

    @Inject
    Caller caller;

    @GET
    public UserView me() {
        return accounts.me(caller);
    }
}
