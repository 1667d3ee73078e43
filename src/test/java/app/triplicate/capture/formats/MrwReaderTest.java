package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import static app.triplicate.capture.formats.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No MRW sample exists: the test wraps the TIFF of a CR2 (a CR2 is a TIFF) in MRM/TTW blocks. */
class MrwReaderTest {
    private final MrwReader reader = new MrwReader();

    @Test
    void readsTheTiffInTheTtwBlock(@TempDir Path tmp) throws IOException {
        CaptureFields f = Samples.read(reader, syntheticMrw(tmp)).orElseThrow();
        assertEquals(LocalDateTime.parse("2005-08-03T18:59:18"), f.local());
        assertNull(f.offset());
        assertEquals("EXIF:ExifIFD:DateTimeOriginal", f.source());
        assertEquals("Canon", f.camera().make());
        assertEquals("Canon EOS 350D DIGITAL", f.camera().model());
    }

    @Test
    void acceptsBySignature(@TempDir Path tmp) throws IOException {
        Path mrw = syntheticMrw(tmp);
        Samples.assertAcceptsOnlyItsOwn(reader, mrw, "mrw");
        assertFalse(reader.accepts(Samples.head(sample("canon_eos350d_CanonRaw.cr2"), 64), "mrw"));
    }

    @Test
    void truncatedCopiesAreSafe(@TempDir Path tmp) throws IOException {
        Samples.assertTruncatedCopiesAreSafe(reader, syntheticMrw(tmp), tmp);
    }

    @Test
    void noTtwBlockIsNoAnswer(@TempDir Path tmp) throws IOException {
        ByteArrayOutputStream blocks = new ByteArrayOutputStream();
        block(blocks, "\0PRD", new byte[24]);
        Path file = tmp.resolve("empty.mrw");
        Files.write(file, mrm(blocks.toByteArray()));
        assertTrue(Samples.read(reader, file).isEmpty());
    }

    private static Path syntheticMrw(Path tmp) throws IOException {
        byte[] tiff = Files.readAllBytes(sample("canon_eos350d_CanonRaw.cr2"));
        ByteArrayOutputStream blocks = new ByteArrayOutputStream();
        block(blocks, "\0PRD", new byte[24]);
        block(blocks, "\0TTW", tiff);
        block(blocks, "\0WBG", new byte[12]);
        block(blocks, "\0RIF", new byte[92]);
        Path file = tmp.resolve("synthetic.mrw");
        Files.write(file, mrm(blocks.toByteArray()));
        return file;
    }

    /** "\0MRM", the length of the blocks, the blocks, then 4 KiB standing for the raw image data. */
    private static byte[] mrm(byte[] blocks) {
        ByteBuffer out = ByteBuffer.allocate(8 + blocks.length + 4096); // big-endian
        out.put("\0MRM".getBytes(StandardCharsets.ISO_8859_1)).putInt(blocks.length).put(blocks);
        return out.array();
    }

    private static void block(ByteArrayOutputStream out, String name, byte[] data) {
        out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(data);
    }
}
