package io.chorus.app.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCheckTest {
    @TempDir
    Path dir;

    @Test
    void measure_readsTheDimensions() throws Exception {
        Path png = dir.resolve("a.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        assertEquals(new ImageCheck.Dimensions(40, 30), ImageCheck.measure(png, 10_000));
    }

    @Test
    void measure_whenHeaderDeclaresTooManyPixels_refusesWithoutDecoding() throws Exception {
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, Images.pngBomb(100_000, 100_000));
        ChorusException e = assertThrows(ChorusException.class, () -> ImageCheck.measure(bomb, 50_000_000));
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, e.code());
    }

    @Test
    void measure_whenNotAnImage_isNull() throws Exception {
        Path text = dir.resolve("a.txt");
        Files.writeString(text, "hello");
        assertNull(ImageCheck.measure(text, 10_000));
    }
}
