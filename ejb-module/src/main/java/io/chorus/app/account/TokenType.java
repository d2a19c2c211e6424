package io.chorus.app.account;

/** The two kinds of token; a refresh token is never accepted where an access token is expected. */
public enum TokenType {
    ACCESS("access"),
    REFRESH("refresh");

    private final String claim;

    TokenType(String claim) {
        this.claim = claim;
    }

    String claim() {
        return claim;
    }
}
