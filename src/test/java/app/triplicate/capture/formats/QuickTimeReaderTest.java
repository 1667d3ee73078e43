package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.core.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static app.triplicate.capture.formats.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuickTimeReaderTest {
    private static final Path MOOV_FIRST = Path.of("src/test/resources/capture/quicktime-moov-first.mov");
    private static final Path MDAT_FIRST = Path.of("src/test/resources/capture/quicktime-mdat-first.mov");
    private final QuickTimeReader reader = new QuickTimeReader();

    @Test
    void readsTheMovieHeadersCreationTimeAsUtc() throws IOException {
        for (Path file : new Path[] {MOOV_FIRST, MDAT_FIRST}) {
            CaptureFields f = Samples.read(reader, file).orElseThrow();
            assertEquals(LocalDateTime.parse("2006-07-15T14:23:05"), f.local(), file.toString());
            assertEquals(ZoneOffset.UTC, f.offset());
            assertEquals("QuickTime:CreateDate", f.source());
            assertEquals(Camera.UNKNOWN, f.camera());
        }
    }

    @Test
    void acceptsOnlyQuickTimeWithoutFtyp() throws IOException {
        Samples.assertAcceptsOnlyItsOwn(reader, MOOV_FIRST, "mov");
        assertTrue(reader.accepts(Samples.head(MDAT_FIRST, 64), "mov"));
        // a movie with ftyp (the iPhone's) stays with metadata-extractor, which reads Apple's local time with zone
        assertFalse(reader.accepts(Samples.head(sample("apple_iphonexr_IMG_3589.mov"), 64), "mov"));
        assertFalse(reader.accepts(Samples.head(sample("pentax_k-x_Pentax.avi"), 64), "avi"));
    }

    @Test
    void aVersion1HeaderHas64BitTimes(@TempDir Path tmp) throws IOException {
        byte[] v0 = SyntheticMovies.moov(SyntheticMovies.QUICKTIME_CREATED);
        long seconds = ByteBuffer.wrap(v0, 8 + 8 + 4, 4).getInt() & 0xffffffffL;
        ByteBuffer mvhd = ByteBuffer.allocate(8 + 112);
        mvhd.putInt(8 + 112).put("mvhd".getBytes()).putInt(0x01000000).putLong(seconds).putLong(seconds);
        ByteBuffer moov = ByteBuffer.allocate(8 + 120);
        moov.putInt(8 + 120).put("moov".getBytes()).put(mvhd.array());
        Path file = Files.write(tmp.resolve("v1.mov"), moov.array());
        assertEquals(LocalDateTime.parse("2006-07-15T14:23:05"), Samples.read(reader, file).orElseThrow().local());
    }

    @Test
    void aZeroCreationTimeIsNoDate(@TempDir Path tmp) throws IOException {
        byte[] zero = SyntheticMovies.moov(java.time.Instant.parse("1904-01-01T00:00:00Z"));
        assertTrue(Samples.read(reader, Files.write(tmp.resolve("zero.mov"), zero)).isEmpty());
    }

    @Test
    void truncatedCopiesAreSafe(@TempDir Path tmp) throws IOException {
        Samples.assertTruncatedCopiesAreSafe(reader, MOOV_FIRST, tmp);
        Samples.assertTruncatedCopiesAreSafe(reader, MDAT_FIRST, tmp);
    }
}
