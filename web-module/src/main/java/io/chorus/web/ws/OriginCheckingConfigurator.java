package io.chorus.web.ws;

import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses the upgrade (before any frame; WildFly answers 404) of a browser whose origin is not allowed, on
 * {@code /ws} and {@code /jim}; see {@link OriginPolicy}.
 */
public class OriginCheckingConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        // Not a CDI bean: the container makes configurators, so the configuration is looked up.
        Config config = ConfigProvider.getConfig();
        return OriginPolicy.of(config.getOptionalValue("chorus.mode", String.class).orElse("development"),
                config.getOptionalValue("chorus.ws.allowed-origins", String.class).orElse("")).allows(originHeaderValue);
    }
}
