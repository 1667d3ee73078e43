package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.core.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static app.triplicate.capture.formats.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cr3ReaderTest {
    private static final Path CR3 = sample("canon_eosm50_CanonRaw.cr3");
    private final Cr3Reader reader = new Cr3Reader();

    @Test
    void readsTheEosM50Sample() throws IOException {
        Samples.Result result = Samples.readCounting(reader, CR3);
        CaptureFields f = result.fields().orElseThrow();
        assertEquals(LocalDateTime.parse("2018-02-21T12:08:56.21"), f.local());
        assertEquals(ZoneOffset.UTC, f.offset());
        assertEquals("EXIF:ExifIFD:DateTimeOriginal", f.source());
        assertEquals(new Camera("Canon", "Canon EOS M50", "613040000565"), f.camera());
        assertTrue(result.bytesRead() < 16 * 1024, "read " + result.bytesRead() + " bytes");
    }

    @Test
    void acceptsByBrand() throws IOException {
        Samples.assertAcceptsOnlyItsOwn(reader, CR3, "cr3");
    }

    @Test
    void truncatedCopiesAreSafe(@TempDir Path tmp) throws IOException {
        Samples.assertTruncatedCopiesAreSafe(reader, CR3, tmp);
    }

    @Test
    void aBoxSmallerThanItsHeaderIsRefusedNotLoopedOn(@TempDir Path tmp) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 0, 16});
        out.writeBytes("ftypcrx \0\0\0\1".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0, 0, 0, 4}); // size 4 < 8-byte header
        out.writeBytes("free".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[64]);
        Path file = tmp.resolve("loop.cr3");
        Files.write(file, out.toByteArray());
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(IOException.class, () -> Samples.read(reader, file)));
    }
}
