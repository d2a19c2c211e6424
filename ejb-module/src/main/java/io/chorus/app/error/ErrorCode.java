package io.chorus.app.error;

/**
 * The one error catalogue, shared by the WebSocket dialects and the REST API.
 *
 * <p>{@code wireCode} is the code a dialect A client acts on (SPEC §4): 1 log and ignore,
 * 3 show {@code content} in a dialog, 705 refresh the token, 706 log in again. REST answers carry
 * the same {@code wireCode} and {@code reason} in their problem+json body, with {@code httpStatus}.
 * {@code reason} is the stable machine code clients switch on; the text is for people.
 */
public enum ErrorCode {
    // Rejected requests and frames: nothing was changed.
    MALFORMED("malformed", 1, 400, "The request could not be parsed."),
    INVALID_FIELD("invalid_field", 1, 400, "A field is missing or has an invalid value."),
    UNKNOWN_TYPE("unknown_type", 1, 400, "Unknown frame type."),
    UNKNOWN_COMMAND("unknown_command", 1, 400, "Unknown or unsupported command."),
    PAYLOAD_TOO_LARGE("payload_too_large", 1, 413, "The payload is larger than allowed."),
    FORGED_SENDER("forged_from", 1, 403, "A client may only send as itself."),
    BAD_ACK("bad_ack", 1, 400, "Malformed CLIENT_ACK."),
    UNKNOWN_MESSAGE("unknown_message", 1, 404, "No such message for this device."),
    NOT_FOUND("not_found", 1, 404, "No such resource."),
    FORBIDDEN("forbidden", 1, 403, "Not allowed."),
    RATE_LIMITED("rate_limited", 1, 429, "Too many requests; slow down."),
    // Back-pressure: too many sends wait to be stored on this node; the client sends again later, same id.
    SERVER_BUSY("server_busy", 1, 503, "The server is busy; send again in a moment."),
    // The database cannot be reached (restarting, cut off): nothing was changed; the client sends
    // again later, same id. Never "internal": it is not a bug, and it passes (docs/RELIABILITY.md).
    UNAVAILABLE("unavailable", 1, 503, "The service is unavailable for a moment; send again, with the same id."),
    // The friendship gate (SPEC §7). On /ws these two are S2C notices, as in the Erlang server.
    NOT_A_FRIEND("not_a_friend", 1, 403, "The recipient does not have you as a friend."),
    IN_DENYLIST("in_denylist", 1, 403, "The recipient does not accept anything from you."),
    NOT_A_MEMBER("not_a_member", 1, 403, "You are not a member of this group."),
    MUTED("muted", 1, 403, "You are muted in this group."),
    // Files (docs/FILES.md).
    MEDIA_TYPE_REFUSED("media_type_refused", 3, 415, "Files of this type are not accepted."),
    IMAGE_TOO_LARGE("image_too_large", 3, 422, "The image declares more pixels than allowed."),
    QUOTA_EXCEEDED("quota_exceeded", 3, 413, "Your files take all the space you are allowed."),
    RANGE_NOT_SATISFIABLE("range_not_satisfiable", 1, 416, "The requested range is outside the file."),
    UPLOAD_OFFSET_MISMATCH("upload_offset_mismatch", 1, 409, "Upload-Offset is not where the upload stands; ask with HEAD."),
    ATTACHMENT_REFUSED("attachment_refused", 3, 403, "The message names a file you did not upload to this conversation."),
    // Replies, mentions, edits (issue 25).
    REPLY_REFUSED("reply_refused", 1, 400, "A reply must name a message of the same conversation that exists and was not revoked."),
    MENTION_REFUSED("mention_refused", 1, 403, "Mentions name members of the group; @all is not yours to use here."),
    NOT_EDITABLE("not_editable", 1, 409, "Only the text of a text message that was not revoked can be edited."),

    // Push notifications (docs/PUSH.md): a registration for a provider this server does not use.
    PUSH_PROVIDER_OFF("push_provider_off", 1, 409, "This server does not send pushes through that provider."),

    // Errors a person should see.
    ACCOUNT_TAKEN("account_taken", 3, 409, "That account name is already taken."),
    BAD_CREDENTIALS("bad_credentials", 3, 401, "Wrong account or password."),
    ACCOUNT_DISABLED("account_disabled", 3, 403, "This account is disabled."),
    REVOKE_TOO_LATE("revoke_too_late", 3, 409, "The time to revoke this message has passed."),
    EDIT_TOO_LATE("edit_too_late", 3, 409, "The time to edit this message has passed."),
    ALREADY_FRIENDS("already_friends", 3, 409, "You are friends already."),
    REQUEST_PENDING("request_pending", 3, 409, "They already asked you: accept their friend request instead."),
    REQUEST_CLOSED("request_closed", 3, 409, "This friend request was already decided."),
    GROUP_FULL("group_full", 3, 409, "The group has reached its size limit."),
    TOO_MANY_ATTEMPTS("too_many_attempts", 3, 429, "Too many failed log-ins; try again later."),
    TOO_MANY_OPEN_REQUESTS("too_many_open_requests", 3, 409, "Too many friend requests wait for an answer."),
    OWNER_MUST_TRANSFER("owner_must_transfer", 3, 409, "The owner must hand the group over first."),
    // Company sign-in (docs/SSO.md).
    SSO_NOT_CONFIGURED("sso_not_configured", 3, 404, "Single sign-on is not configured on this server."),
    PASSWORD_LOGIN_DISABLED("password_login_disabled", 3, 403, "Password log-in is switched off here: sign in with your company account."),
    IDP_TOKEN_INVALID("idp_token_invalid", 3, 401, "The identity provider's token was refused."),
    IDP_TOKEN_EXPIRED("idp_token_expired", 3, 401, "The identity provider's token has expired; sign in at the identity provider again."),
    IDP_SESSION_ENDED("idp_session_ended", 706, 401, "The identity provider ended this sign-in; sign in again."),
    IDP_UNAVAILABLE("idp_unavailable", 1, 503, "The identity provider could not be reached; try again later."),

    // Tokens.
    TOKEN_EXPIRED("token_expired", 705, 401, "The access token has expired; refresh it."),
    TOKEN_INVALID("token_invalid", 706, 401, "Missing or invalid token, or unknown device; log in again."),

    INTERNAL("internal", 1, 500, "Internal error.");

    private final String reason;
    private final int wireCode;
    private final int httpStatus;
    private final String text;

    ErrorCode(String reason, int wireCode, int httpStatus, String text) {
        this.reason = reason;
        this.wireCode = wireCode;
        this.httpStatus = httpStatus;
        this.text = text;
    }

    public String reason() {
        return reason;
    }

    public int wireCode() {
        return wireCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String text() {
        return text;
    }
}
