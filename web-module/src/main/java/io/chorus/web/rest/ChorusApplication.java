package io.chorus.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * All REST resources live under /api. The OpenAPI document the server generates from them
 * ({@code GET /openapi}) declares the bearer token every call but signup, login and refresh needs.
 */
@ApplicationPath("/api")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The access token from POST /api/auth/login or /api/auth/refresh.")
@SecurityRequirement(name = "bearer")
public class ChorusApplication extends Application {
}
