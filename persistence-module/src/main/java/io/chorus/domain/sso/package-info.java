/**
 * Company sign-in ({@code sso_identity}, {@code sso_session}): which IdP identity a user is, and the
 * IdP refresh token each device signed in with. Both go with their user or device (cascade).
 */
package io.chorus.domain.sso;
