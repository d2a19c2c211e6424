package io.chorus.web.rest;

import io.chorus.app.error.ErrorCode;
import io.chorus.web.rest.security.BearerTokenMechanism;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's error page (web.xml): errors the container itself raises — authentication and
 * role refusals, unknown paths — get the same problem+json body as the API's own errors.
 */
@WebServlet("/problem")
public class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ErrorCode code = codeFor(request);
        response.setStatus(code.httpStatus());
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(Problem.json(code, null).getBytes(StandardCharsets.UTF_8));
    }

    private static ErrorCode codeFor(HttpServletRequest request) {
        if (request.getAttribute(BearerTokenMechanism.ERROR_ATTRIBUTE) instanceof ErrorCode code) {
            return code;
        }
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int httpStatus = status instanceof Integer value ? value : 500;
        return switch (httpStatus) {
            case 401 -> ErrorCode.TOKEN_INVALID;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404, 405 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            default -> httpStatus < 500 ? ErrorCode.MALFORMED : ErrorCode.INTERNAL;
        };
    }
}
