package io.chorus.web.dialect.a;

import io.chorus.web.protocol.a.FrameDecoder;
import io.chorus.web.protocol.a.FrameEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the dialect A codecs injectable. The codecs stay plain classes (configured through their
 * constructors, testable without a container); this is where configuration meets them. One instance
 * each: both are thread-safe, and their JSON factories are worth sharing.
 */
@ApplicationScoped
class DialectACodecs {

    @Inject
    @ConfigProperty(name = "chorus.ws.max-payload-bytes")
    int maxPayloadBytes;

    @Produces
    @Singleton
    FrameDecoder frameDecoder() {
        return new FrameDecoder(maxPayloadBytes);
    }

    @Produces
    @Singleton
    FrameEncoder frameEncoder() {
        return new FrameEncoder(Clock.systemUTC());
    }
}
