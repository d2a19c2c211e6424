package io.chorus.app.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Password hashing with the container's own Jakarta Security {@link Pbkdf2PasswordHash}. */
@ApplicationScoped
public class Passwords {
    @Inject
    Pbkdf2PasswordHash hash;

    @Inject
    @ConfigProperty(name = "chorus.password.algorithm")
    String algorithm;

    @Inject
    @ConfigProperty(name = "chorus.password.iterations")
    int iterations;

    /** Verified when the account does not exist, so that both failures cost the same time. */
    private String decoy;

    @PostConstruct
    void init() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", algorithm,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations)));
        decoy = hash.generate("decoy-password".toCharArray());
    }

    public String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    public boolean matches(String password, String stored) {
        return hash.verify(password.toCharArray(), stored);
    }

    /** Spends the same effort as a real check and fails: used for unknown accounts. */
    public boolean matchesNothing(String password) {
        hash.verify(password.toCharArray(), decoy);
        return false;
    }
}
