package io.chorus.web.rest;

import io.chorus.app.error.ErrorCode;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/**
 * The RFC 9457 problem document every REST error uses, carrying the catalogue's numeric
 * {@code code} (the same a socket client would get) and its machine {@code reason}.
 */
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    public static String json(ErrorCode code, String detail) {
        JsonObjectBuilder body = Jsonp.object()
                .add("type", "urn:chorus:error:" + code.reason())
                .add("title", code.text())
                .add("status", code.httpStatus())
                .add("code", code.wireCode())
                .add("reason", code.reason());
        if (detail != null && !detail.equals(code.text())) {
            body.add("detail", detail);
        }
        return body.build().toString();
    }

    public static Response response(ErrorCode code, String detail) {
        return Response.status(code.httpStatus()).type(MEDIA_TYPE).entity(json(code, detail)).build();
    }
}
