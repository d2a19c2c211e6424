package io.chorus.web.rest.security;

/** The two roles web.xml names. */
public final class Roles {
    public static final String USER = "user";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
