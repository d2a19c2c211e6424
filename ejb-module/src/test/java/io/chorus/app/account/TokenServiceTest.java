package io.chorus.app.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final String SECRET = "a-test-secret-that-is-at-least-32-bytes-long";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final TokenSubject SUBJECT = new TokenSubject("k3G7QAe5", 42L, "phone-1", 3);

    private static TokenService at(Instant instant) {
        return new TokenService(SECRET, 7200, 86400, Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void verify_ofIssuedAccessToken_returnsItsSubject() {
        TokenService tokens = at(NOW);
        assertEquals(SUBJECT, tokens.verify(tokens.issue(TokenType.ACCESS, SUBJECT), TokenType.ACCESS));
    }

    @Test
    void verify_whenExpiredBeyondLeeway_isTokenExpired() {
        String token = at(NOW).issue(TokenType.ACCESS, SUBJECT);
        ChorusException e = assertThrows(ChorusException.class,
                () -> at(NOW.plusSeconds(7200 + 31)).verify(token, TokenType.ACCESS));
        assertEquals(ErrorCode.TOKEN_EXPIRED, e.code());
    }

    @Test
    void verify_whenExpiredWithinLeeway_isAccepted() {
        String token = at(NOW).issue(TokenType.ACCESS, SUBJECT);
        assertEquals(SUBJECT, at(NOW.plusSeconds(7200 + 29)).verify(token, TokenType.ACCESS));
    }

    @Test
    void verify_ofRefreshTokenWhereAccessExpected_isTokenInvalid() {
        TokenService tokens = at(NOW);
        String refresh = tokens.issue(TokenType.REFRESH, SUBJECT);
        assertEquals(ErrorCode.TOKEN_INVALID,
                assertThrows(ChorusException.class, () -> tokens.verify(refresh, TokenType.ACCESS)).code());
    }

    @Test
    void verify_ofTokenSignedWithAnotherSecret_isTokenInvalid() {
        String foreign = new TokenService("another-secret-that-is-at-least-32-bytes-long", 7200, 86400,
                Clock.fixed(NOW, ZoneOffset.UTC)).issue(TokenType.ACCESS, SUBJECT);
        assertEquals(ErrorCode.TOKEN_INVALID,
                assertThrows(ChorusException.class, () -> at(NOW).verify(foreign, TokenType.ACCESS)).code());
    }

    @Test
    void verify_ofTamperedPayload_isTokenInvalid() {
        String token = at(NOW).issue(TokenType.ACCESS, SUBJECT);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertEquals(ErrorCode.TOKEN_INVALID,
                assertThrows(ChorusException.class, () -> at(NOW).verify(tampered, TokenType.ACCESS)).code());
    }

    @Test
    void verify_ofUnsignedToken_isTokenInvalid() {
        String token = at(NOW).issue(TokenType.ACCESS, SUBJECT);
        String[] parts = token.split("\\.");
        String none = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
        assertEquals(ErrorCode.TOKEN_INVALID,
                assertThrows(ChorusException.class, () -> at(NOW).verify(none, TokenType.ACCESS)).code());
    }

    @Test
    void verify_ofGarbageNullOrHugeInput_isTokenInvalid() {
        TokenService tokens = at(NOW);
        for (String bad : new String[] {null, "", "  ", "a.b.c", "not-a-jwt", "x".repeat(5000)}) {
            assertEquals(ErrorCode.TOKEN_INVALID,
                    assertThrows(ChorusException.class, () -> tokens.verify(bad, TokenType.ACCESS)).code(), String.valueOf(bad));
        }
    }

    @Test
    void construction_withShortSecret_fails() {
        assertThrows(IllegalStateException.class, () -> new TokenService("short", 1, 1, Clock.systemUTC()));
    }
}
