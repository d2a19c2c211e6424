package io.chorus.app.file;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaPolicyTest {
    private final MediaPolicy imagesButNotSvg = new MediaPolicy(List.of("image/*", "application/pdf"), List.of("image/svg+xml"));

    @Test
    void accepts_whenAllowedByWildcardOrExactType() {
        assertTrue(imagesButNotSvg.accepts("image/png"));
        assertTrue(imagesButNotSvg.accepts("application/pdf; charset=binary"));
    }

    @Test
    void refuses_whenDeniedOrNotAllowed() {
        assertFalse(imagesButNotSvg.accepts("image/svg+xml"));
        assertFalse(imagesButNotSvg.accepts("text/html"));
        assertFalse(new MediaPolicy(List.of("*/*"), List.of("application/x-msdownload")).accepts("APPLICATION/X-MSDOWNLOAD"));
    }

    @Test
    void inline_onlyForRasterImagesAudioAndVideo() {
        assertTrue(MediaPolicy.inline("image/jpeg"));
        assertTrue(MediaPolicy.inline("audio/mpeg"));
        assertTrue(MediaPolicy.inline("video/mp4"));
        assertFalse(MediaPolicy.inline("image/svg+xml"));
        assertFalse(MediaPolicy.inline("text/html"));
        assertFalse(MediaPolicy.inline("application/pdf"));
        assertFalse(MediaPolicy.inline("application/xhtml+xml"));
    }
}
