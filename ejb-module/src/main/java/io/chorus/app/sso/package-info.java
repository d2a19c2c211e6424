/**
 * Company sign-in with OpenID Connect (docs/SSO.md): the IdP's tokens checked by the book (Nimbus
 * JOSE+JWT and the Nimbus OAuth 2.0 / OIDC SDK, never by hand), users made just in time from the
 * IdP's claims, the IdP session re-checked at every refresh, and deprovisioning through the
 * existing revocation path (disabled account, revoked tokens, sockets closed on every node).
 */
package io.chorus.app.sso;
