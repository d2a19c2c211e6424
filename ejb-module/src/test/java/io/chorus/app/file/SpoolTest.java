package io.chorus.app.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    @Test
    void copy_storesTheBytesWithTheirSizeAndSha256() throws Exception {
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Spool.Spooled spooled = Spool.copy(new ByteArrayInputStream(bytes), dir, 1_000_000);
        assertEquals(bytes.length, spooled.size());
        assertArrayEquals(bytes, Files.readAllBytes(spooled.file()));
        assertEquals(HexFormat.of().formatHex(Spool.sha256().digest(bytes)), spooled.sha256());
    }

    @Test
    void copy_whenOverTheLimit_refusesAndLeavesNoFile() throws Exception {
        ChorusException e = assertThrows(ChorusException.class,
                () -> Spool.copy(new ByteArrayInputStream(new byte[100_001]), dir, 100_000));
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.code());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }
}
