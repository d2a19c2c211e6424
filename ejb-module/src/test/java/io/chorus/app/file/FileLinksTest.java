package io.chorus.app.file;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileLinksTest {
    private final FileLinks links = new FileLinks();

    FileLinksTest() {
        links.linkSecret = Optional.empty();
        links.jwtSecret = "a-development-secret-of-at-least-32-bytes!";
        links.maxTtlSeconds = 300;
        links.init();
    }

    @Test
    void check_acceptsItsOwnSignature_untilItExpires() {
        String signature = links.sign("f1", false, "u1", 1_000);
        assertDoesNotThrow(() -> links.check("f1", false, "u1", 1_000, signature, 1_000));
        ChorusException expired = assertThrows(ChorusException.class, () -> links.check("f1", false, "u1", 1_000, signature, 1_001));
        assertEquals(ErrorCode.FORBIDDEN, expired.code());
    }

    @Test
    void check_refusesAnyChangedPart() {
        String signature = links.sign("f1", false, "u1", 1_000);
        assertThrows(ChorusException.class, () -> links.check("f2", false, "u1", 1_000, signature, 0));
        assertThrows(ChorusException.class, () -> links.check("f1", true, "u1", 1_000, signature, 0));
        assertThrows(ChorusException.class, () -> links.check("f1", false, "u2", 1_000, signature, 0));
        assertThrows(ChorusException.class, () -> links.check("f1", false, "u1", 9_000, signature, 0));
        assertThrows(ChorusException.class, () -> links.check("f1", false, "u1", 1_000, signature + "A", 0));
        assertThrows(ChorusException.class, () -> links.check("f1", false, "u1", 1_000, null, 0));
    }

    @Test
    void theLinkKey_isNotTheTokenKey_andItsOwnSecretWins() {
        String derived = FileLinks.sign(FileLinks.keyFrom(null, "secret-one-secret-one-secret-one!"), "f", false, "u", 1);
        assertNotEquals(derived, FileLinks.sign(FileLinks.keyFrom(null, "secret-two-secret-two-secret-two!"), "f", false, "u", 1));
        assertNotEquals(derived, FileLinks.sign(FileLinks.keyFrom("own-link-secret", "secret-one-secret-one-secret-one!"), "f", false, "u", 1));
    }
}
