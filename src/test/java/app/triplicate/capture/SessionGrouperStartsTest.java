package app.triplicate.capture;

import app.triplicate.core.Camera;
import app.triplicate.core.CaptureTime;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Grouping at starts the user chose (split and merge in the import sheet) rather than at gaps. */
class SessionGrouperStartsTest {
    private final SessionGrouper grouper = new SessionGrouper(ZoneId.of("Europe/Berlin"));

    private static SessionGrouper.Item shot(String path, String time) {
        return new SessionGrouper.Item(path, 1000, new CaptureReading(
                new CaptureTime(LocalDateTime.parse(time), null, "EXIF:ExifIFD:DateTimeOriginal", false),
                new Camera("Canon", "R5", null), false, null));
    }

    private static List<List<String>> paths(List<SessionGrouper.Proposal> proposals) {
        return proposals.stream().map(p -> p.items().stream().map(SessionGrouper.Item::relativePath).toList()).toList();
    }

    private final List<SessionGrouper.Item> items = List.of(
            shot("D/A_3.JPG", "2026-05-03T09:00:00"),
            shot("D/A_1.CR2", "2026-05-02T10:00:00"), shot("D/A_1.JPG", "2026-05-02T10:00:00"),
            shot("D/A_2.JPG", "2026-05-02T10:05:00"));

    @Test
    void newSessionsStartExactlyAtTheChosenShotsInTimeOrder() {
        assertEquals(List.of(List.of("D/A_1.CR2", "D/A_1.JPG"), List.of("D/A_2.JPG", "D/A_3.JPG")),
                paths(grouper.groupAt(items, Set.of("D/A_1.CR2", "D/A_2.JPG"))));
        assertEquals(List.of(List.of("D/A_1.CR2", "D/A_1.JPG", "D/A_2.JPG", "D/A_3.JPG")),
                paths(grouper.groupAt(items, Set.of())), "no starts: one session");
    }

    @Test
    void anyFileOfAShotStartsItAndTheShotIsNeverSplit() {
        assertEquals(List.of(List.of("D/A_1.CR2", "D/A_1.JPG", "D/A_2.JPG"), List.of("D/A_3.JPG")),
                paths(grouper.groupAt(items, Set.of("D/A_1.JPG", "D/A_3.JPG", "D/missing.JPG"))));
    }
}
