package io.chorus.domain.friend;

/**
 * What one side of a friendship says about the other: a remark (the name shown), a role (the
 * seed's visibility scope, e.g. {@code all}), and the two privacy flags of the Erlang server.
 */
public record FriendSettings(String remark, String role, boolean donotlookhim, boolean donotlethimlook) {
}
