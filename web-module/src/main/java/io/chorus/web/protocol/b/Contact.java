package io.chorus.web.protocol.b;

/** JIM's {@code MessageContact {id, t}}: a user ({@code t} 1) or a group ({@code t} 2) by raw id. */
public record Contact(long id, int type) {
    public static final int NONE = 0;
    public static final int USER = 1;
    public static final int GROUP = 2;

    public static Contact user(long id) {
        return new Contact(id, USER);
    }

    public static Contact group(long id) {
        return new Contact(id, GROUP);
    }
}
