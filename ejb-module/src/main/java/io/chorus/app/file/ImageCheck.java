package io.chorus.app.file;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image's dimensions, read from its header without decoding any pixel, so a decompression bomb
 * (a small file declaring a huge picture) is refused before anything would allocate its raster.
 */
public final class ImageCheck {
    private ImageCheck() {
    }

    public record Dimensions(int width, int height) {
    }

    /** The dimensions, or null when no reader understands the file (it is then not treated as an image). */
    public static Dimensions measure(Path file, long maxPixels) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                Dimensions dimensions = new Dimensions(reader.getWidth(0), reader.getHeight(0));
                if ((long) dimensions.width() * dimensions.height() > maxPixels || dimensions.width() <= 0 || dimensions.height() <= 0) {
                    throw new ChorusException(ErrorCode.IMAGE_TOO_LARGE, "Images are limited to " + maxPixels + " pixels; this one declares "
                            + dimensions.width() + "x" + dimensions.height() + ".");
                }
                return dimensions;
            } catch (IOException | RuntimeException unreadable) {
                if (unreadable instanceof ChorusException refused) {
                    throw refused;
                }
                return null;
            } finally {
                reader.dispose();
            }
        }
    }
}
