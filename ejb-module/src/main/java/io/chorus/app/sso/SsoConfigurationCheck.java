package io.chorus.app.sso;

import io.chorus.app.config.ProductionGuard;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With single sign-on switched on, refuses to start on settings it cannot work with (as
 * {@link ProductionGuard} does for secrets): no issuer, no client secret, or in production an issuer
 * that is not HTTPS. The IdP itself is not contacted at start-up: it may come up later.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SsoConfigurationCheck {
    private static final Logger LOG = Logger.getLogger(SsoConfigurationCheck.class.getName());

    @Inject
    SsoSettings settings;

    @Inject
    @ConfigProperty(name = "chorus.mode")
    String mode;

    @PostConstruct
    void check() {
        if (!settings.enabled()) {
            return;
        }
        List<String> problems = problems(mode, settings.issuer(), settings.clientSecret());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Chorus will not start: " + String.join("; ", problems));
        }
        LOG.info(() -> "Single sign-on is on, issuer " + settings.issuer());
    }

    static List<String> problems(String mode, String issuer, Optional<String> clientSecret) {
        List<String> problems = new ArrayList<>();
        if (issuer.isBlank()) {
            problems.add("chorus.sso.enabled is true: set chorus.sso.issuer (CHORUS_SSO_ISSUER)");
        } else {
            try {
                URI uri = new URI(issuer);
                if (ProductionGuard.PRODUCTION.equals(mode) && !"https".equalsIgnoreCase(uri.getScheme())) {
                    problems.add("chorus.sso.issuer must be an https URL in production mode");
                } else if (uri.getScheme() == null || uri.getHost() == null) {
                    problems.add("chorus.sso.issuer must be an absolute http(s) URL");
                }
            } catch (java.net.URISyntaxException e) {
                problems.add("chorus.sso.issuer is not a URL");
            }
        }
        if (clientSecret.isEmpty()) {
            problems.add("chorus.sso.enabled is true: set chorus.sso.client-secret (CHORUS_SSO_CLIENT_SECRET)");
        }
        return problems;
    }
}
