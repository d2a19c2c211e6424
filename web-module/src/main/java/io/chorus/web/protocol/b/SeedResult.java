package io.chorus.web.protocol.b;

import io.chorus.app.error.ErrorCode;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObjectBuilder;

/**
 * The result field of the Go server's answers ({@code code}: 0 done, else the command's own failure
 * number). A refusal also names its case from the error catalogue in {@code reason} and
 * {@code content}, as {@code Cmd_Msg}'s refusal does, so a client can tell refusals that share a
 * number apart; a JIM client that knows only {@code code} reads the seed's answer.
 */
public final class SeedResult {
    /** Every command's success. */
    public static final int OK = 0;

    private SeedResult() {
    }

    /** {@code {code: 0}}, for the command to add its fields to. */
    public static JsonObjectBuilder ok() {
        return Jsonp.object().add("code", OK);
    }

    /** {@code {code, reason, content}}, for the command to add its fields to. */
    public static JsonObjectBuilder refused(int code, ErrorCode reason, String content) {
        return Jsonp.object().add("code", code).add("reason", reason.reason())
                .add("content", content == null ? reason.text() : content);
    }
}
