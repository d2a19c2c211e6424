package io.chorus.web.ws;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses the upgrade (before any frame; WildFly answers 404) of a browser whose origin is not allowed, on
 * {@code /ws} and {@code /jim}; see {@link OriginPolicy}. Records the client's address for the endpoint.
 */
public class OriginCheckingConfigurator extends ServerEndpointConfig.Configurator {
    /** Key of the client's network address in the connection's user properties. */
    static final String ADDRESS_PROPERTY = "io.chorus.web.ws.address";

    /** The client's address, as {@link ConnectionAttemptFilter} saw it; "unknown" if it did not run. */
    static String address(Map<String, Object> userProperties) {
        Object address = userProperties.get(ADDRESS_PROPERTY);
        return address instanceof String known ? known : "unknown";
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        String address = ConnectionAttemptFilter.currentAddress();
        if (address != null) {
            sec.getUserProperties().put(ADDRESS_PROPERTY, address);
        }
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        // Not a CDI bean: the container makes configurators, so the configuration is looked up.
        Config config = ConfigProvider.getConfig();
        return OriginPolicy.of(config.getOptionalValue("chorus.mode", String.class).orElse("development"),
                config.getOptionalValue("chorus.ws.allowed-origins", String.class).orElse("")).allows(originHeaderValue);
    }
}
