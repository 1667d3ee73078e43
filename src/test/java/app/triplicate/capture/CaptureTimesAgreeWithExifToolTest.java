package app.triplicate.capture;

import app.triplicate.files.LocalFileAccess;
import app.triplicate.testing.Cards;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measure of done for capture times: for every file in the samples' expected.tsv (ExifTool 12.57),
 * Triplicate's capture time equals ExifTool's, and files ExifTool finds no date in fall back, marked.
 */
class CaptureTimesAgreeWithExifToolTest {
    // A zone far from every sample's, so a wrong conversion cannot pass by accident.
    private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    private final CaptureReader reader = CaptureReaders.standard(new LocalFileAccess(), Clock.system(ZONE));

    record Row(String file, String make, String model, String date, String subsec, String offset, String serial,
               String tag) {
        boolean dated() {
            return !date.isBlank() && !date.startsWith("0000");
        }
    }

    static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(Cards.samples().resolve("expected.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            rows.add(new Row(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]));
        }
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyDatedSampleHasExifToolsCaptureTime() throws Exception {
        return rows().stream().filter(Row::dated).map(row -> DynamicTest.dynamicTest(row.file(), () -> {
            Path file = Cards.samples().resolve(row.file());
            CaptureReading r = reader.read(file, Files.getLastModifiedTime(file).toMillis());
            assertFalse(r.time().fallback(), row.file() + " fell back: " + r.problem());
            LocalDateTime expected = ExifDates.withSubSeconds(LocalDateTime.parse(row.date()), row.subsec());
            if (row.tag().equals("QuickTime:CreateDate")) {
                assertNotNull(r.time().offset(), "a QuickTime date is an instant");
                assertEquals(expected.toInstant(ZoneOffset.UTC), r.time().instant(), row.file());
            } else if (!row.offset().isEmpty()) {
                assertEquals(expected.toInstant(ZoneOffset.of(row.offset())), r.time().instant(), row.file());
                assertEquals(expected, r.time().local(), "the camera's own wall clock is kept: " + row.file());
            } else if (row.file().equals("pentax_k-x_Pentax.avi")) {
                // ExifTool drops the seconds of this RIFF date string; the file stores 12:14:34
                assertTrue(r.time().local().equals(expected) || r.time().local().equals(expected.withSecond(34)),
                        r.time().local().toString());
            } else {
                assertEquals(expected, r.time().local(), row.file());
                assertEquals(null, r.time().offset(), "no zone was recorded: " + row.file());
            }
            assertNotNull(r.time().source());
        }));
    }

    @TestFactory
    Stream<DynamicTest> undatedSamplesFallBackMarkedWithoutException() throws Exception {
        return rows().stream().filter(r -> !r.dated()).map(row -> DynamicTest.dynamicTest(row.file(), () -> {
            Path file = Cards.samples().resolve(row.file());
            long mtime = Files.getLastModifiedTime(file).toMillis();
            CaptureReading r = reader.read(file, mtime);
            assertTrue(r.time().fallback(), row.file() + " should have no date, got " + r.time());
            assertEquals("file modification time", r.time().source());
            assertEquals(mtime, r.time().instant().toEpochMilli());
            assertNotNull(r.problem());
        }));
    }

    @TestFactory
    Stream<DynamicTest> makeAndModelMatchExifTool() throws Exception {
        return rows().stream().filter(r -> !r.make().isEmpty())
                .map(row -> DynamicTest.dynamicTest(row.file(), () -> {
                    Path file = Cards.samples().resolve(row.file());
                    CaptureReading r = reader.read(file, 0);
                    assertEquals(row.make().isEmpty() ? null : row.make(), r.camera().make(), row.file());
                    if (!row.model().isEmpty()) {
                        assertEquals(row.model(), r.camera().model(), row.file());
                    }
                }));
    }
}
