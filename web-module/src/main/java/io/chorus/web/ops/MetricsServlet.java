package io.chorus.web.ops;

import io.chorus.app.config.ProductionGuard;
import io.chorus.app.error.ErrorCode;
import io.chorus.web.rest.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /metrics}: Prometheus text format, for a scraper. Counts only, no user data; still,
 * traffic figures are nobody else's business: with {@code chorus.metrics.token} set, the scraper
 * sends it as a bearer token; without one, production mode serves nothing (development serves
 * anyone, as a developer's laptop expects).
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    MetricsExport export;

    @Inject
    @ConfigProperty(name = "chorus.metrics.token")
    Optional<String> token;

    @Inject
    @ConfigProperty(name = "chorus.mode")
    String mode;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (access(mode, token.orElse(""), request.getHeader("Authorization"))) {
            case WRONG_TOKEN -> {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
                refuse(response, ErrorCode.TOKEN_INVALID, "Send the scrape token (chorus.metrics.token) as a bearer token.");
            }
            case CLOSED -> refuse(response, ErrorCode.FORBIDDEN, "Set chorus.metrics.token to scrape metrics in production mode.");
            case OPEN -> {
                response.setContentType("text/plain; version=0.0.4; charset=utf-8");
                response.getOutputStream().write(export.scrape().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    enum Access { OPEN, WRONG_TOKEN, CLOSED }

    /** Who may scrape: see the class comment. */
    static Access access(String mode, String token, String authorization) {
        if (!token.isBlank()) {
            // Constant-time, so the token cannot be guessed byte by byte from response times.
            boolean matches = authorization != null && MessageDigest.isEqual(
                    authorization.getBytes(StandardCharsets.UTF_8), ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
            return matches ? Access.OPEN : Access.WRONG_TOKEN;
        }
        return ProductionGuard.PRODUCTION.equals(mode) ? Access.CLOSED : Access.OPEN;
    }

    private static void refuse(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(Problem.json(code, detail).getBytes(StandardCharsets.UTF_8));
    }
}
