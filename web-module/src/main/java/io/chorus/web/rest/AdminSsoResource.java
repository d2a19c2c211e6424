package io.chorus.web.rest;

import io.chorus.app.account.Caller;
import io.chorus.app.sso.SsoService;
import io.chorus.app.sso.SsoViews.DeprovisionCommand;
import io.chorus.app.sso.SsoViews.DeprovisionedView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Deprovisioning (docs/SSO.md) under {@code /api/admin/sso}: for the {@code admin} role only
 * (web.xml), e.g. a company's leaver process or a SCIM bridge holding an administrator's token.
 */
@Path("admin/sso")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Operators only (role admin): cluster figures, users, kicks, notices, groups")
public class AdminSsoResource {
    @Inject
    SsoService sso;

    @Inject
    Caller caller;

    /** The person with this IdP subject left: account disabled, every token revoked, every socket closed. */
    @POST
    @Path("deprovision")
    @Consumes(MediaType.APPLICATION_JSON)
    public DeprovisionedView deprovision(DeprovisionCommand command) {
        return sso.deprovision(caller, command);
    }
}
