/** Container-managed authentication for the REST API with Chorus's own JWTs. */
package io.chorus.web.rest.security;
