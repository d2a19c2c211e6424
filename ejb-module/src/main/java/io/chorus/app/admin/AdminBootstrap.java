package io.chorus.app.admin;

import io.chorus.app.account.AccountService;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first administrator comes from configuration ({@code chorus.admin.account} and
 * {@code chorus.admin.password}): made at start-up if no account has that name, with the admin role.
 * An existing account of that name is left as it is (its password is the user's, not the
 * configuration's), so changing the password later is done by the user, not by a restart.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @EJB
    AccountService accounts;

    @Inject
    @ConfigProperty(name = "chorus.admin.account")
    String account;

    @Inject
    @ConfigProperty(name = "chorus.admin.password")
    String password;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // on the callback too: see SchemaMigration.migrate
    void ensureAdmin() {
        try {
            if (accounts.createAdminIfAbsent(account, password)) {
                LOG.info(() -> "Created the administrator account '" + account + "' from configuration");
            }
        } catch (RuntimeException raced) {
            // Another node starting at the same moment made it: the unique account name decided.
            LOG.info(() -> "The administrator account '" + account + "' was made by another node");
        }
    }
}
