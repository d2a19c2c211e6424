package io.chorus.it.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Rest;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The server describes its REST API (SPEC §12) at /openapi, generated from the resources. */
class OpenApiIT extends BlackBoxIT {

    @Test
    void openApi_describesEveryCorePath_withTheBearerScheme() {
        Rest.Reply reply = rest.get("/openapi?format=JSON", null);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject document = reply.json();
        assertEquals("Chorus REST API", document.getJsonObject("info").getString("title"));
        JsonObject paths = document.getJsonObject("paths");
        List<String> missing = Stream.of("/api/auth/signup", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout",
                        "/api/me", "/api/me/presence", "/api/me/devices", "/api/me/devices/{did}", "/api/users",
                        "/api/friends", "/api/friends/{uid}", "/api/friends/requests", "/api/friends/requests/{id}/accept",
                        "/api/friends/requests/{id}/reject", "/api/friends/requests/{id}/ignore", "/api/denylist",
                        "/api/denylist/{uid}", "/api/conversations", "/api/conversations/{type}/{id}/messages",
                        "/api/conversations/{type}/{id}/read", "/api/conversations/{type}/{id}/read-counts", "/api/me/privacy")
                .filter(path -> !paths.containsKey(path)).toList();
        assertEquals(List.of(), missing);
        assertTrue(paths.getJsonObject("/api/me/devices/{did}").containsKey("delete"));
        JsonObject bearer = document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("bearer");
        assertEquals("bearer", bearer.getString("scheme"));
    }
}
