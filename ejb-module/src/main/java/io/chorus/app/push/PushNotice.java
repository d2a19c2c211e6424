package io.chorus.app.push;

/**
 * One push as the providers send it: shown text, badge, the number of new copies it stands for,
 * the kind of the newest one and its conversation (a public id; null under the {@code none} preview).
 */
public record PushNotice(String title, String body, long badge, int count, String kind, String conversation) {
    /** Without the text: a log line must never carry a message's content. */
    @Override
    public String toString() {
        return "PushNotice[badge=" + badge + ", count=" + count + ", kind=" + kind + "]";
    }
}
