package io.chorus.web.dialect.b;

import io.chorus.web.protocol.b.ServerPackets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the dialect B codecs injectable. The codecs stay plain classes (testable without a
 * container); one instance each, since they are thread-safe.
 */
@ApplicationScoped
class DialectBCodecs {

    @Produces
    @Singleton
    ServerPackets serverPackets() {
        return new ServerPackets();
    }
}
