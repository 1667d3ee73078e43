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
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrwReaderTest {
    private static final Path CRW = sample("canon_eosdigitalrebel_CanonRaw.crw");
    private final CrwReader reader = new CrwReader();

    @Test
    void readsTheDigitalRebelSample() throws IOException {
        Samples.Result result = Samples.readCounting(reader, CRW);
        CaptureFields f = result.fields().orElseThrow();
        assertEquals(LocalDateTime.parse("2003-11-10T17:39:26"), f.local());
        assertNull(f.offset());
        assertEquals("MakerNotes:CanonRaw:DateTimeOriginal", f.source());
        assertEquals(new Camera("Canon", "Canon EOS DIGITAL REBEL", "560018150"), f.camera());
        assertTrue(result.bytesRead() < 2048, "read " + result.bytesRead() + " bytes");
    }

    @Test
    void acceptsBySignature() throws IOException {
        Samples.assertAcceptsOnlyItsOwn(reader, CRW, "crw");
    }

    @Test
    void truncatedCopiesAreSafe(@TempDir Path tmp) throws IOException {
        Samples.assertTruncatedCopiesAreSafe(reader, CRW, tmp);
    }
}
