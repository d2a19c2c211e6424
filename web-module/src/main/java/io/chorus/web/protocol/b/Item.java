package io.chorus.web.protocol.b;

import jakarta.json.JsonObject;

/**
 * JIM's {@code MessageItem {c, t, d, vd}}, plus Chorus' {@code f}: the file an image or voice item
 * shows, as dialect A's {@code payload.file} (docs/FILES.md). JIM clients that do not know {@code f}
 * ignore it and still see the item's {@code d} (the file name) and {@code vd}.
 *
 * @param type         {@code t}: 1 text, 2 image, 3 emoticon, 4 voice, 5 gif; others are kept as they are
 * @param data         {@code d}: the text, file name or emoticon code; null when absent
 * @param count        {@code c}: how many identical items this one stands for; 0 (absent) means one
 * @param voiceSeconds {@code vd}: a voice item's length; null when absent
 * @param file         {@code f}: {@code {id, name, size, type, ...}} of a Chorus file; null when absent
 */
public record Item(int type, String data, int count, Integer voiceSeconds, JsonObject file) {
    public static final int TEXT = 1;
    public static final int IMAGE = 2;
    public static final int EMOTICON = 3;
    public static final int VOICE = 4;
    public static final int GIF = 5;

    public Item(int type, String data, int count, Integer voiceSeconds) {
        this(type, data, count, voiceSeconds, null);
    }

    public static Item of(int type, String data) {
        return new Item(type, data, 0, null);
    }
}
