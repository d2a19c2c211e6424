package io.chorus.app.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SsoConfigurationCheckTest {
    @Test
    void aComplete_configuration_starts() {
        assertEquals(List.of(), SsoConfigurationCheck.problems("production", "https://sso.example.com/realms/c", Optional.of("s")));
        assertEquals(List.of(), SsoConfigurationCheck.problems("development", "http://127.0.0.1:18480/realms/c", Optional.of("s")));
    }

    @Test
    void noIssuer_noSecret_orPlainHttpInProduction_refuseToStart() {
        List<String> problems = SsoConfigurationCheck.problems("development", "", Optional.empty());
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("CHORUS_SSO_ISSUER"));
        assertTrue(problems.get(1).contains("CHORUS_SSO_CLIENT_SECRET"));
        assertTrue(SsoConfigurationCheck.problems("production", "http://sso.example.com/realms/c", Optional.of("s")).get(0)
                .contains("https"));
        assertEquals(1, SsoConfigurationCheck.problems("development", "not a url", Optional.of("s")).size());
    }
}
