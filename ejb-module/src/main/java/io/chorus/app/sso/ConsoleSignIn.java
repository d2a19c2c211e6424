package io.chorus.app.sso;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * The admin console's browser sign-in: the OpenID Connect authorization code flow with PKCE (S256),
 * Chorus being the confidential client. What must survive the round trip through the IdP (state,
 * nonce, code verifier) lives in a short-lived HttpOnly cookie of the browser that started it, so
 * any node of a cluster can finish it. Built with the Nimbus OAuth 2.0 / OIDC SDK.
 */
final class ConsoleSignIn {
    private static final Pattern COOKIE = Pattern.compile("[A-Za-z0-9_-]{16,128}\\.[A-Za-z0-9_-]{16,128}\\.[A-Za-z0-9_~.-]{43,128}");

    private ConsoleSignIn() {
    }

    /** The IdP's sign-in page to send the browser to, and the cookie that remembers this attempt. */
    record Start(URI authorization, String cookie) {
    }

    /** What the IdP's answer is checked against. */
    record Attempt(String state, String nonce, CodeVerifier verifier) {
    }

    static Start start(URI authorizationEndpoint, String clientId, URI redirectUri) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email"), new ClientID(clientId), redirectUri)
                .endpointURI(authorizationEndpoint)
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
        return new Start(request.toURI(), state.getValue() + "." + nonce.getValue() + "." + verifier.getValue());
    }

    /** The attempt this browser started, if its answer from the IdP carries the same state. */
    static Attempt attempt(String cookie, String state) {
        if (cookie == null || !COOKIE.matcher(cookie).matches()) {
            throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "this sign-in was not started in this browser, or took too long");
        }
        String[] parts = cookie.split("\\.", 3);
        if (state == null || !MessageDigest.isEqual(parts[0].getBytes(StandardCharsets.US_ASCII), state.getBytes(StandardCharsets.US_ASCII))) {
            throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "the sign-in answer does not belong to this browser's sign-in (state)");
        }
        return new Attempt(parts[0], parts[1], new CodeVerifier(parts[2]));
    }

    static AuthorizationCodeGrant grant(String code, URI redirectUri, Attempt attempt) {
        if (code == null || code.isBlank() || code.length() > 4096) {
            throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "the identity provider sent no authorization code");
        }
        return new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, attempt.verifier());
    }
}
