package io.chorus.app.sso;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The company's OpenID Connect provider as Chorus talks to it (Nimbus OAuth 2.0 / OIDC SDK): its
 * metadata from discovery ({@code <issuer>/.well-known/openid-configuration}, checked to name the
 * same issuer), its keys (a cached JWKS), and the token endpoint for the IdP-side token exchange
 * (RFC 8693) and refreshes. Discovery happens at the first use and is tried again after a failure.
 */
@ApplicationScoped
public class IdentityProvider {
    private static final Logger LOG = Logger.getLogger(IdentityProvider.class.getName());

    @Inject
    SsoSettings settings;

    private volatile Discovered discovered;

    private record Discovered(OIDCProviderMetadata metadata, IdpTokens tokens) {
    }

    IdpTokens tokens() {
        return discovered().tokens();
    }

    OIDCProviderMetadata metadata() {
        return discovered().metadata();
    }

    private Discovered discovered() {
        Discovered known = discovered;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (discovered == null) {
                discovered = discover();
            }
            return discovered;
        }
    }

    private Discovered discover() {
        int timeout = settings.httpTimeoutMs();
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), timeout, timeout);
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                            new DefaultResourceRetriever(timeout, timeout, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
                    .build();
            LOG.info(() -> "Single sign-on: discovered the identity provider " + settings.issuer());
            return new Discovered(metadata, new IdpTokens(settings.issuer(), settings.audience(), settings.clockSkewSeconds(), keys));
        } catch (GeneralException | IOException | IllegalArgumentException e) {
            LOG.warning(() -> "Single sign-on: discovery of " + settings.issuer() + " failed: " + e);
            throw new ChorusException(ErrorCode.IDP_UNAVAILABLE);
        }
    }

    /**
     * RFC 8693 at the IdP: Chorus (a confidential client) trades the app's access token for a
     * refresh token of its own in the same IdP session, which it refreshes at every Chorus refresh.
     */
    String exchangeForRefreshToken(String appAccessToken) {
        TokenExchangeGrant grant = new TokenExchangeGrant(new TypelessAccessToken(appAccessToken), TokenTypeURI.ACCESS_TOKEN,
                null, null, TokenTypeURI.REFRESH_TOKEN, null);
        Tokens tokens = tokenRequest(grant).orElseThrow(() -> new ChorusException(ErrorCode.IDP_TOKEN_INVALID,
                "the identity provider refused to exchange the token (is the user enabled, is token exchange allowed for "
                        + settings.clientId() + "?)"));
        RefreshToken refresh = tokens.getRefreshToken();
        if (refresh == null) {
            throw new ChorusException(ErrorCode.IDP_UNAVAILABLE, "the identity provider's token exchange gave no refresh token");
        }
        return refresh.getValue();
    }

    /**
     * Refreshes at the IdP. Empty when the IdP refuses (user disabled or deleted, session ended);
     * otherwise the refresh token to keep (the IdP may rotate it).
     */
    Optional<String> refresh(String idpRefreshToken) {
        return tokenRequest(new RefreshTokenGrant(new RefreshToken(idpRefreshToken)))
                .map(tokens -> tokens.getRefreshToken() == null ? idpRefreshToken : tokens.getRefreshToken().getValue());
    }

    /** The tokens, or empty on an OAuth error answer (invalid_grant and the like). */
    Optional<Tokens> tokenRequest(AuthorizationGrant grant) {
        return tokenResponse(grant).map(AccessTokenResponse::getTokens);
    }

    /**
     * The console's authorization code (with its PKCE verifier) traded for tokens; the ID token,
     * which the OAuth answer carries as an extra parameter, or empty when the IdP refuses.
     */
    Optional<String> idTokenForCode(AuthorizationCodeGrant grant) {
        return tokenResponse(grant).map(response -> {
            Object idToken = response.getCustomParameters().get("id_token");
            if (!(idToken instanceof String value)) {
                throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "the identity provider sent no ID token");
            }
            return value;
        });
    }

    private Optional<AccessTokenResponse> tokenResponse(AuthorizationGrant grant) {
        try {
            TokenRequest request = new TokenRequest.Builder(metadata().getTokenEndpointURI(), clientAuthentication(), grant).build();
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(settings.httpTimeoutMs());
            http.setReadTimeout(settings.httpTimeoutMs());
            TokenResponse response = TokenResponse.parse(http.send());
            if (!response.indicatesSuccess()) {
                TokenErrorResponse error = response.toErrorResponse();
                LOG.info(() -> "Single sign-on: the identity provider refused a " + grant.getType() + " grant: "
                        + error.getErrorObject().getCode());
                return Optional.empty();
            }
            return Optional.of(response.toSuccessResponse());
        } catch (IOException | ParseException e) {
            LOG.warning(() -> "Single sign-on: token request to the identity provider failed: " + e);
            throw new ChorusException(ErrorCode.IDP_UNAVAILABLE);
        }
    }

    private ClientAuthentication clientAuthentication() {
        Secret secret = settings.clientSecret().map(Secret::new)
                .orElseThrow(() -> new ChorusException(ErrorCode.SSO_NOT_CONFIGURED, "chorus.sso.client-secret is not set"));
        return new ClientSecretBasic(new ClientID(settings.clientId()), secret);
    }

    JWTClaimsSet verifyAppToken(String token) {
        return tokens().verifyAppToken(token);
    }

}
