package io.chorus.web.protocol.b;

/**
 * JIM's {@code MessageItem {c, t, d, vd}}.
 *
 * @param type         {@code t}: 1 text, 2 image, 3 emoticon, 4 voice, 5 gif; others are kept as they are
 * @param data         {@code d}: the text, file name or emoticon code; null when absent
 * @param count        {@code c}: how many identical items this one stands for; 0 (absent) means one
 * @param voiceSeconds {@code vd}: a voice item's length; null when absent
 */
public record Item(int type, String data, int count, Integer voiceSeconds) {
    public static final int TEXT = 1;
    public static final int IMAGE = 2;
    public static final int EMOTICON = 3;
    public static final int VOICE = 4;
    public static final int GIF = 5;

    public static Item of(int type, String data) {
        return new Item(type, data, 0, null);
    }
}
