package io.chorus.app.message;

/**
 * One JIM send as its caller sees it across the transaction ({@link MessageService#sendToAll}):
 * its wire id, chosen before the transaction so it can be looked up after one whose outcome was
 * lost, and whether the transaction got as far as its commit. A failure before that point stored
 * nothing, for certain; a failure after it may have come from a commit PostgreSQL made.
 * Used on one thread (a local, synchronous call).
 */
public final class SendAttempt {
    private final String wireId = Xids.next();
    private boolean committing;

    public String wireId() {
        return wireId;
    }

    /** Every statement ran; what is left is the commit. */
    void committing() {
        committing = true;
    }

    /** Whether a failure of this attempt may have come with or after its commit. */
    public boolean mayHaveCommitted() {
        return committing;
    }
}
