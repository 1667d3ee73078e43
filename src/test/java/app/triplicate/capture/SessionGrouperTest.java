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

    private static SessionGrouper.Item zoned(String path, String time, String offset) {
        return new SessionGrouper.Item(path, 1000, new CaptureReading(new CaptureTime(LocalDateTime.parse(time),
                ZoneOffset.of(offset), "EXIF:ExifIFD:DateTimeOriginal", false), new Camera("Apple", "iPhone XR", null),
                false, null));
    }

    @Test
    void aSessionIsNamedAndDatedByTheCamerasClockNotTheComputers() {
        // 10:03 at -06:00 is 18:03 in Berlin and already the next day in Tokyo: a morning all the same
        for (String zone : List.of("Europe/Berlin", "Asia/Tokyo", "UTC")) {
            List<SessionGrouper.Proposal> p = new SessionGrouper(ZoneId.of(zone)).group(List.of(
                    zoned("DCIM/IMG_3581.JPG", "2020-04-17T10:03:42.262", "-06:00"),
                    zoned("DCIM/IMG_3590.JPG", "2020-04-17T11:40:00", "-06:00")), Duration.ofHours(3));
            assertEquals(1, p.size());
            assertEquals("2020-04-17 Morning", p.get(0).defaultName(), zone);
            assertEquals(LocalDateTime.parse("2020-04-17T10:03:42.262"), p.get(0).firstWallClock(), zone);
            assertEquals(LocalDateTime.parse("2020-04-17T11:40:00"), p.get(0).lastWallClock(), zone);
        }
        var tokyo = new SessionGrouper(ZoneId.of("Asia/Tokyo"))
                .group(List.of(zoned("DCIM/IMG_3581.JPG", "2020-04-17T10:03:42", "-06:00")), Duration.ofHours(3));
        assertEquals(LocalDateTime.parse("2020-04-18T01:03:42"), tokyo.get(0).first(), "the timeline stays the computer's");
    }

    @Test
    void aLivePhotoReadsAsItsPictureOnTheCamerasClock() {
        var heic = new SessionGrouper.Item("DCIM/IMG_3589.HEIC", 1, new CaptureReading(new CaptureTime(
                LocalDateTime.parse("2020-04-17T10:03:48.064"), ZoneOffset.ofHours(-6), "EXIF", false), Camera.UNKNOWN, false, null));
        var mov = new SessionGrouper.Item("DCIM/IMG_3589.MOV", 1, new CaptureReading(new CaptureTime(
                LocalDateTime.parse("2020-04-17T16:03:47"), ZoneOffset.UTC, CaptureTime.UTC_CREATION_SOURCE, false),
                Camera.UNKNOWN, false, null));
        SessionGrouper.Proposal p = grouper.group(List.of(mov, heic), Duration.ofHours(3)).get(0);
        assertEquals(LocalDateTime.parse("2020-04-17T10:03:47"), p.firstWallClock(), "the video's instant, the picture's zone");
    }

    @Test
    void aUtcVideoAloneIsShownInTheOffsetTheCardsPicturesRecord() {
        var jpg = zoned("DCIM/IMG_0001.JPG", "2020-04-17T10:00:00", "-06:00");
        var mp4 = new SessionGrouper.Item("DCIM/MVI_0002.MP4", 1, new CaptureReading(new CaptureTime(
                LocalDateTime.parse("2020-04-17T16:30:00"), ZoneOffset.UTC, CaptureTime.UTC_CREATION_SOURCE, false),
                Camera.UNKNOWN, false, null));
        SessionGrouper.Proposal p = grouper.group(List.of(jpg, mp4), Duration.ofHours(3)).get(0);
        assertEquals(LocalDateTime.parse("2020-04-17T10:30:00"), p.lastWallClock());
        SessionGrouper.Proposal alone = grouper.group(List.of(mp4), Duration.ofHours(3)).get(0);
        assertEquals(LocalDateTime.parse("2020-04-17T18:30:00"), alone.firstWallClock(), "no camera clock: the computer's");
    }

    @Test
    void gapsAreMeasuredBetweenInstantsAcrossADaylightSavingChange() {
        // a phone that records its offset: 01:50 CET and 03:10 CEST are twenty minutes apart, not eighty
        var spring = List.of(zoned("DCIM/IMG_1.JPG", "2026-03-29T01:50:00", "+01:00"),
                zoned("DCIM/IMG_2.JPG", "2026-03-29T03:10:00", "+02:00"));
        assertEquals(1, grouper.group(spring, Duration.ofHours(1)).size(), "the clock change makes no gap");
        // 02:20 CEST and 02:50 CET are ninety minutes apart, not thirty
        var autumn = List.of(zoned("DCIM/IMG_1.JPG", "2026-10-25T02:20:00", "+02:00"),
                zoned("DCIM/IMG_2.JPG", "2026-10-25T02:50:00", "+01:00"));
        assertEquals(2, grouper.group(autumn, Duration.ofHours(1)).size(), "the clock change hides no gap");
    }

    @Test
    void filesWithoutAnOffsetTakeTheCardsOneOffsetAcrossADaylightSavingChange() {
        // a camera that records no offset: its wall-clock differences are the gaps, whatever the computer's zone
        // did that night (read in Berlin's zone one by one, 01:50 and 03:10 would be twenty minutes apart)
        var spring = List.of(shot("DCIM/IMG_1.JPG", "2026-03-29T01:50:00", "R5"),
                shot("DCIM/IMG_2.JPG", "2026-03-29T03:10:00", "R5"));
        assertEquals(2, grouper.group(spring, Duration.ofHours(1)).size(), "the clock change hides no gap");
        // ... and 02:50 and 03:10 would be eighty minutes apart
        var autumn = List.of(shot("DCIM/IMG_1.JPG", "2026-10-25T02:50:00", "R5"),
                shot("DCIM/IMG_2.JPG", "2026-10-25T03:10:00", "R5"));
        List<SessionGrouper.Proposal> p = grouper.group(autumn, Duration.ofHours(1));
        assertEquals(1, p.size(), "the clock change makes no gap");
        assertEquals(LocalDateTime.parse("2026-10-25T03:10:00"), p.get(0).lastWallClock());
    }

    @Test
    void filesWithoutAnOffsetTakeTheOffsetTheCardsOtherFilesRecord() {
        // the camera's zone, not the computer's: the RAW without an offset sits beside its neighbours
        var items = List.of(zoned("DCIM/IMG_1.JPG", "2020-04-17T10:00:00", "-06:00"),
                shot("DCIM/IMG_2.CR2", "2020-04-17T10:20:00", "R5"),
                zoned("DCIM/IMG_3.JPG", "2020-04-17T10:40:00", "-06:00"));
        List<SessionGrouper.Proposal> p = grouper.group(items, Duration.ofMinutes(30));
        assertEquals(1, p.size());
        assertEquals(List.of("DCIM/IMG_1.JPG", "DCIM/IMG_2.CR2", "DCIM/IMG_3.JPG"), paths(p).get(0));
    }

    @Test
    void defaultNamesSayThePartOfTheDay() {
        assertEquals("2026-11-26 Morning", SessionGrouper.defaultName(LocalDateTime.parse("2026-11-26T07:10:00")));
        assertEquals("2026-11-26 Evening", SessionGrouper.defaultName(LocalDateTime.parse("2026-11-26T19:10:00")));
        assertEquals("2026-11-26 Night", SessionGrouper.defaultName(LocalDateTime.parse("2026-11-26T23:10:00")));
    }
}
