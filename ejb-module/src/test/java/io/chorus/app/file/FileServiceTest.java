package io.chorus.app.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileServiceTest {
    @TempDir
    Path dir;

    @Test
    void detect_trustsTheContentOverTheName() throws Exception {
        Path html = dir.resolve("upload-1.part");
        Files.writeString(html, "<!DOCTYPE html><html><head><script>alert(1)</script></head><body></body></html>");
        assertEquals("text/html", FileService.detect(html, "cat.png"));
        Path png = dir.resolve("upload-2.part");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        assertEquals("image/png", FileService.detect(png, "notes.txt"));
    }

    @Test
    void cleanName_dropsPathsControlCharactersAndQuotes() {
        assertEquals("passwd", FileService.cleanName("../../etc/passwd"));
        assertEquals("a.txt", FileService.cleanName("C:\\Users\\x\\a.txt"));
        assertEquals("ab.pdf", FileService.cleanName("a\"b\u0000.pdf"));
        assertEquals("file", FileService.cleanName(null));
        assertEquals("file", FileService.cleanName(".."));
        assertEquals(255, FileService.cleanName("x".repeat(400)).length());
    }
}
