package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.core.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;

import static app.triplicate.capture.formats.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class X3fReaderTest {
    private static final Path X3F = sample("sigma_sd10_Sigma.x3f");
    private final X3fReader reader = new X3fReader();

    @Test
    void readsTheSd10Sample() throws IOException {
        CaptureFields f = Samples.read(reader, X3F).orElseThrow();
        assertEquals(LocalDateTime.parse("2001-01-01T00:36:35"), f.local());
        assertNull(f.offset());
        assertEquals("SigmaRaw:DateTimeOriginal", f.source());
        assertEquals(new Camera("SIGMA", "SIGMA SD10", "02001234"), f.camera());
    }

    @Test
    void acceptsBySignature() throws IOException {
        Samples.assertAcceptsOnlyItsOwn(reader, X3F, "x3f");
    }

    @Test
    void truncatedCopiesAreSafe(@TempDir Path tmp) throws IOException {
        Samples.assertTruncatedCopiesAreSafe(reader, X3F, tmp);
    }
}
