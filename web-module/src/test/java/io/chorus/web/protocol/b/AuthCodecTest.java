package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuthCodecTest {

    @Test
    void goldenAuthRequest_isAnAccountLoginFromATerminal() {
        AuthCodec.Request request = AuthCodec.readRequest(GoldenVectors.read("auth_request.hex").packet().data());

        assertNull(request.token());
        assertEquals("alice@example.com", request.account());
        assertEquals("s3cr3t!", request.password());
        assertEquals(AuthCodec.Terminal.PC, request.terminal());
        assertEquals("jim-pc", request.terminal().did());
        assertEquals("linux", request.ts());
        assertEquals("1.0", request.tv());
    }

    @Test
    void aTokenRequest_readsTheTokenOnly() {
        AuthCodec.Request request = AuthCodec.readRequest(utf8("{\"tk\":\"abc.def\",\"tt\":99}"));

        assertEquals("abc.def", request.token());
        assertNull(request.terminal(), "tt is for the password login only");
    }

    @Test
    void anUnknownTerminalType_isRefusedByName() {
        BodyException refused = assertThrows(BodyException.class,
                () -> AuthCodec.readRequest(utf8("{\"u\":\"YQ==\",\"p\":\"YQ==\",\"tt\":7}")));
        assertEquals("tt", refused.field());
    }

    @Test
    void aRequest_neverPrintsItsSecrets() {
        AuthCodec.Request login = AuthCodec.readRequest(GoldenVectors.read("auth_request.hex").packet().data());
        AuthCodec.Request token = AuthCodec.readRequest(utf8("{\"tk\":\"abc.def\"}"));

        assertFalse(login.toString().contains("s3cr3t!"));
        assertFalse(token.toString().contains("abc.def"));
    }

    @Test
    void response_isTheGoldenAuthResponsesData() {
        String golden = new String(GoldenVectors.read("auth_response.hex").packet().data(), StandardCharsets.UTF_8);

        assertEquals(golden, AuthCodec.response(42, 1763892000000L).toString());
    }

    @Test
    void codeOf_answersAnUnknownAccountAsAWrongPassword() {
        assertEquals(AuthCodec.AUTH_PASSWORD_INCORRECT, AuthCodec.codeOf(ErrorCode.BAD_CREDENTIALS));
        assertEquals(AuthCodec.AUTH_USER_NOT_VERIFIED, AuthCodec.codeOf(ErrorCode.ACCOUNT_DISABLED));
        assertEquals(AuthCodec.AUTH_INVALID_REQUEST, AuthCodec.codeOf(ErrorCode.TOO_MANY_ATTEMPTS));
        assertEquals(AuthCodec.AUTH_DATABASE_ERROR, AuthCodec.codeOf(ErrorCode.UNAVAILABLE));
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
