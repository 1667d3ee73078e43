package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureReader;
import app.triplicate.capture.CaptureReaders;
import app.triplicate.capture.CaptureReading;
import app.triplicate.core.Camera;
import app.triplicate.files.LocalFileAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Movies of older cameras whose capture time ExifTool reads and Triplicate used to miss: QuickTime with no
 * {@code ftyp} (starting with {@code moov}, or with {@code mdat} then {@code moov}) and Nikon AVI with its date
 * in {@code LIST ncdt}. The files in src/test/resources/capture are {@link SyntheticMovies}' output.
 */
class OldCameraMoviesTest {
    private static final Path DIR = Path.of("src/test/resources/capture");
    private static final long MODIFIED = Instant.parse("2021-06-15T10:00:00Z").toEpochMilli();
    private final CaptureReader reader = CaptureReaders.standard(new LocalFileAccess(),
            Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneId.of("Europe/Berlin")));

    @Test
    void theCommittedFilesAreWhatTheGeneratorMakes(@TempDir Path tmp) throws IOException {
        SyntheticMovies.main(new String[] {tmp.toString()});
        for (String name : new String[] {"quicktime-moov-first.mov", "quicktime-mdat-first.mov", "nikon-ncdt.avi"}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve(name)), Files.readAllBytes(DIR.resolve(name)), name);
        }
    }

    @Test
    void aQuickTimeMovieStartingWithMoovHasItsCreationTime() {
        assertQuickTimeCreation(reader.read(DIR.resolve("quicktime-moov-first.mov"), MODIFIED));
    }

    @Test
    void aQuickTimeMovieStartingWithMdatHasItsCreationTime() {
        assertQuickTimeCreation(reader.read(DIR.resolve("quicktime-mdat-first.mov"), MODIFIED));
    }

    @Test
    void aLongMdatBeforeTheMoovIsSkippedNotRead(@TempDir Path tmp) throws IOException {
        // 100 MiB of frames before the index (sparse on disk): far past the 8 MiB header budget
        Path file = tmp.resolve("MVI_0001.MOV");
        long mdat = 100L << 20;
        byte[] moov = SyntheticMovies.moov(SyntheticMovies.QUICKTIME_CREATED);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.writeInt((int) (mdat + 8));
            out.writeBytes("mdat");
            out.seek(8 + mdat);
            out.write(moov);
        }
        assertQuickTimeCreation(reader.read(file, MODIFIED));
    }

    @Test
    void aNikonAviHasTheDateFromItsNcdtList() {
        CaptureReading r = reader.read(DIR.resolve("nikon-ncdt.avi"), MODIFIED);
        assertFalse(r.time().fallback(), r.problem());
        assertEquals(LocalDateTime.parse("2013-06-27T21:27:28"), r.time().local());
        assertNull(r.time().offset(), "the camera's local time, with no zone");
        assertEquals("Nikon:DateTimeOriginal", r.time().source());
        assertEquals(new Camera("NIKON", SyntheticMovies.NIKON_MODEL, null), r.camera());
    }

    private static void assertQuickTimeCreation(CaptureReading r) {
        assertFalse(r.time().fallback(), r.problem());
        assertEquals(LocalDateTime.parse("2006-07-15T14:23:05"), r.time().local());
        assertEquals(ZoneOffset.UTC, r.time().offset());
        assertEquals("QuickTime:CreateDate", r.time().source());
    }
}
