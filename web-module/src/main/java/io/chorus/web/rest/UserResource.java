package io.chorus.web.rest;

import io.chorus.app.account.AccountService;
import io.chorus.app.account.AccountViews.UserView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Finding people to befriend (SPEC §12 {@code GET /api/users?q=}). */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    @Inject
    AccountService accounts;

    @GET
    public List<UserView> search(@QueryParam("q") String query) {
        return accounts.search(query);
    }
}
