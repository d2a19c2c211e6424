package io.chorus.app.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's PKCE code flow: what goes to the IdP, and what its answer must match. */
class ConsoleSignInTest {
    private static final URI AUTHORIZE = URI.create("https://idp.example.com/auth");
    private static final URI CALLBACK = URI.create("https://chat.example.com/api/auth/sso/console/callback");

    @Test
    void theIdpIsAskedForACode_withState_nonce_andAnS256Challenge_ofTheCookiesVerifier() {
        ConsoleSignIn.Start start = ConsoleSignIn.start(AUTHORIZE, "chorus", CALLBACK);
        Map<String, List<String>> query = URLUtils.parseParameters(start.authorization().getRawQuery());
        String[] cookie = start.cookie().split("\\.");
        assertEquals(List.of("code"), query.get("response_type"));
        assertEquals(List.of("chorus"), query.get("client_id"));
        assertEquals(List.of(CALLBACK.toString()), query.get("redirect_uri"));
        assertTrue(query.get("scope").get(0).contains("openid"));
        assertEquals(List.of(cookie[0]), query.get("state"));
        assertEquals(List.of(cookie[1]), query.get("nonce"));
        assertEquals(List.of("S256"), query.get("code_challenge_method"));
        ConsoleSignIn.Attempt attempt = ConsoleSignIn.attempt(start.cookie(), cookie[0]);
        assertEquals(CodeChallenge.compute(CodeChallengeMethod.S256, attempt.verifier()).getValue(),
                query.get("code_challenge").get(0));
        AuthorizationCodeGrant grant = ConsoleSignIn.grant("the-code", CALLBACK, attempt);
        assertEquals(List.of(attempt.verifier().getValue()), grant.toParameters().get("code_verifier"));
    }

    @Test
    void anAnswerWithAnotherState_orWithoutTheCookie_isRefused() {
        ConsoleSignIn.Start start = ConsoleSignIn.start(AUTHORIZE, "chorus", CALLBACK);
        ChorusException otherState = assertThrows(ChorusException.class, () -> ConsoleSignIn.attempt(start.cookie(), "someone-elses-state-value"));
        assertEquals(ErrorCode.IDP_TOKEN_INVALID, otherState.code());
        assertThrows(ChorusException.class, () -> ConsoleSignIn.attempt(null, "x"));
        assertThrows(ChorusException.class, () -> ConsoleSignIn.attempt("a.b.c", "a"));
    }
}
