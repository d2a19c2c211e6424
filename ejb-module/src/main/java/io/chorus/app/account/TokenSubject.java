package io.chorus.app.account;

/** What a token says about its bearer: public user id, internal device id, client did, generation. */
public record TokenSubject(String publicUid, long deviceId, String did, int generation) {
}
