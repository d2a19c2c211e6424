package io.chorus.app.file;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which detected media types may be uploaded (an allow list and a deny list of {@code type/subtype}
 * or {@code type/*} patterns; the deny list wins), and which may be shown inline by a browser. Only
 * raster images, audio and video are inline: HTML, SVG, XML and everything else is served as a
 * download, so an uploaded page can never run script in the server's origin.
 */
public record MediaPolicy(List<String> allowed, List<String> denied) {
    private static final Set<String> INLINE_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp");

    public boolean accepts(String mediaType) {
        String type = normalise(mediaType);
        return matchesAny(allowed, type) && !matchesAny(denied, type);
    }

    public static boolean inline(String mediaType) {
        String type = normalise(mediaType);
        return INLINE_IMAGES.contains(type) || type.startsWith("audio/") || type.startsWith("video/");
    }

    /** Images the server can measure and make thumbnails of. */
    public static boolean raster(String mediaType) {
        return INLINE_IMAGES.contains(normalise(mediaType));
    }

    private static boolean matchesAny(List<String> patterns, String type) {
        for (String raw : patterns) {
            String pattern = normalise(raw);
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.equals("*/*") || pattern.equals(type)
                    || (pattern.endsWith("/*") && type.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String mediaType) {
        String type = mediaType == null ? "" : mediaType;
        int semicolon = type.indexOf(';');
        return (semicolon >= 0 ? type.substring(0, semicolon) : type).trim().toLowerCase(Locale.ROOT);
    }
}
