package io.chorus.web.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.app.error.ErrorCode;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerTokenMechanismTest {
    // No AccountService: a mechanism that tries to look a token up fails with a NullPointerException.
    private final BearerTokenMechanism mechanism = new BearerTokenMechanism();
    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, String> responseHeaders = new HashMap<>();

    @Test
    void unprotectedRequest_withAToken_isLeftAloneWithoutLookingTheTokenUp() {
        // E.g. a /ws upgrade: the socket checks its token itself, after the upgrade.
        HttpMessageContext context = context(false, "Bearer some.access.token");

        AuthenticationStatus status = mechanism.validateRequest(context.getRequest(), context.getResponse(), context);

        assertEquals(AuthenticationStatus.NOT_DONE, status);
        assertEquals(Map.of(), attributes);
    }

    @Test
    void protectedRequest_withoutAToken_isRefusedAsTokenInvalid() {
        HttpMessageContext context = context(true, null);

        AuthenticationStatus status = mechanism.validateRequest(context.getRequest(), context.getResponse(), context);

        assertEquals(AuthenticationStatus.SEND_FAILURE, status);
        assertEquals(ErrorCode.TOKEN_INVALID, attributes.get(BearerTokenMechanism.ERROR_ATTRIBUTE));
        assertEquals("Bearer", responseHeaders.get("WWW-Authenticate"));
    }

    private HttpMessageContext context(boolean isProtected, String authorization) {
        HttpServletRequest request = proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
            case "setAttribute" -> attributes.put((String) args[0], args[1]);
            default -> throw new UnsupportedOperationException(name);
        });
        HttpServletResponse response = proxy(HttpServletResponse.class, (name, args) -> switch (name) {
            case "setHeader" -> responseHeaders.put((String) args[0], (String) args[1]);
            default -> throw new UnsupportedOperationException(name);
        });
        return proxy(HttpMessageContext.class, (name, args) -> switch (name) {
            case "isProtected" -> isProtected;
            case "getRequest" -> request;
            case "getResponse" -> response;
            case "doNothing" -> AuthenticationStatus.NOT_DONE;
            case "responseUnauthorized" -> AuthenticationStatus.SEND_FAILURE;
            default -> throw new UnsupportedOperationException(name);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
