package app.triplicate.capture;

import app.triplicate.core.Camera;
import app.triplicate.core.CaptureTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionGrouperTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private final SessionGrouper grouper = new SessionGrouper(ZONE);

    private static SessionGrouper.Item shot(String path, String time, String camera) {
        return new SessionGrouper.Item(path, 1000, new CaptureReading(
                new CaptureTime(LocalDateTime.parse(time), null, "EXIF:ExifIFD:DateTimeOriginal", false),
                new Camera("Canon", camera, null), false, null));
    }

    private static SessionGrouper.Item undated(String path, Instant mtime) {
        return new SessionGrouper.Item(path, 10, new CaptureReading(CaptureTime.fallback(mtime, ZONE), Camera.UNKNOWN,
                false, "no capture date in the file"));
    }

    private static List<List<String>> paths(List<SessionGrouper.Proposal> proposals) {
        return proposals.stream().map(p -> p.items().stream().map(SessionGrouper.Item::relativePath).toList()).toList();
    }

    @Test
    void startsANewSessionWhereTheGapExceedsTheThreshold() {
        var items = List.of(shot("D/A_1.JPG", "2026-05-02T10:00:00", "R5"), shot("D/A_2.JPG", "2026-05-02T12:59:00", "R5"),
                shot("D/A_3.JPG", "2026-05-02T16:00:00", "R5"));
        assertEquals(List.of(List.of("D/A_1.JPG", "D/A_2.JPG"), List.of("D/A_3.JPG")),
                paths(grouper.group(items, Duration.ofHours(3))));
        assertEquals(3, grouper.group(items, Duration.ofMinutes(90)).size());
    }

    @Test
    void rawJpegAndSidecarsStayTogetherEvenWhenOneHasNoDate() {
        var items = List.of(shot("DCIM/100CANON/IMG_0001.CR2", "2026-05-02T10:00:00", "R5"),
                shot("DCIM/100CANON/IMG_0001.JPG", "2026-05-02T10:00:00", "R5"),
                undated("DCIM/100CANON/IMG_0001.xmp", Instant.parse("2026-06-30T12:00:00Z")),
                undated("DCIM/100CANON/IMG_0001.CR2.xmp", Instant.parse("2026-07-30T12:00:00Z")));
        List<SessionGrouper.Proposal> p = grouper.group(items, Duration.ofHours(3));
        assertEquals(1, p.size());
        assertEquals(1, p.get(0).shots().size());
        assertEquals("DCIM/100CANON/IMG_0001.CR2", p.get(0).shots().get(0).items().get(0).relativePath(), "listed by its RAW");
        assertEquals(LocalDateTime.parse("2026-05-02T10:00:00"), p.get(0).first());
    }

    @Test
    void theSameNameInAnotherCardFolderIsAnotherShot() {
        var items = List.of(shot("DCIM/100CANON/IMG_0001.JPG", "2026-05-02T10:00:00", "R5"),
                shot("DCIM/101CANON/IMG_0001.JPG", "2026-05-09T10:00:00", "R5"));
        assertEquals(2, grouper.group(items, Duration.ofHours(3)).size());
    }

    @Test
    void aLivePhotoIsOneShotAlthoughTheVideoRecordsUtc() {
        var heic = new SessionGrouper.Item("DCIM/IMG_3589.HEIC", 1, new CaptureReading(new CaptureTime(
                LocalDateTime.parse("2020-04-17T10:03:48.064"), ZoneOffset.ofHours(-6), "EXIF", false), Camera.UNKNOWN, false, null));
        var mov = new SessionGrouper.Item("DCIM/IMG_3589.MOV", 1, new CaptureReading(new CaptureTime(
                LocalDateTime.parse("2020-04-17T16:03:47"), ZoneOffset.UTC, "QuickTime:CreateDate", false), Camera.UNKNOWN, false, null));
        List<SessionGrouper.Proposal> p = grouper.group(List.of(mov, heic), Duration.ofSeconds(0));
        assertEquals(1, p.size());
        assertEquals(1, p.get(0).shots().size());
        assertEquals(LocalDateTime.parse("2020-04-17T18:03:47"), p.get(0).first(), "on the Berlin timeline");
    }

    @Test
    void twoCamerasInterleaveIntoOneSessionAndAreNamed() {
        var items = List.of(shot("A/IMG_1.JPG", "2026-05-02T14:00:00", "EOS R5"), shot("B/DSC_1.JPG", "2026-05-02T14:30:00", "EOS R6"),
                shot("A/IMG_2.JPG", "2026-05-02T15:00:00", "EOS R5"));
        List<SessionGrouper.Proposal> p = grouper.group(items, Duration.ofHours(3));
        assertEquals(1, p.size());
        assertEquals(List.of("Canon EOS R5", "Canon EOS R6"), p.get(0).cameras());
        assertEquals("2026-05-02 Afternoon", p.get(0).defaultName());
    }

    @Test
    void filesWithOnlyAFallbackTimeAreGroupedByItAndCounted() {
        var items = List.of(shot("A/IMG_1.JPG", "2026-05-02T14:00:00", "R5"),
                undated("A/SCAN_1.JPG", LocalDateTime.parse("2026-05-02T14:20:00").atZone(ZONE).toInstant()));
        List<SessionGrouper.Proposal> p = grouper.group(items, Duration.ofHours(3));
        assertEquals(1, p.size());
        assertEquals(1, p.get(0).fallbackCount());
    }

    @Test
    void defaultNamesSayThePartOfTheDay() {
        assertEquals("2026-11-26 Morning", SessionGrouper.defaultName(LocalDateTime.parse("2026-11-26T07:10:00")));
        assertEquals("2026-11-26 Evening", SessionGrouper.defaultName(LocalDateTime.parse("2026-11-26T19:10:00")));
        assertEquals("2026-11-26 Night", SessionGrouper.defaultName(LocalDateTime.parse("2026-11-26T23:10:00")));
    }
}
