package app.triplicate.ui;

import app.triplicate.catalog.StatusService;
import app.triplicate.core.CopyPolicy;
import app.triplicate.ui.common.Formats;
import app.triplicate.ui.dashboard.SessionRow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The words and colours the window shows, without a window. */
class FormatsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void badgeColoursFollowTheTarget() {
        assertEquals(Formats.Level.OK, Formats.copiesLevel(3, 3));
        assertEquals(Formats.Level.OK, Formats.copiesLevel(4, 3));
        assertEquals(Formats.Level.WARN, Formats.copiesLevel(2, 3));
        assertEquals(Formats.Level.BAD, Formats.copiesLevel(1, 3));
        assertEquals(Formats.Level.BAD, Formats.copiesLevel(0, 3));
        assertEquals(Formats.Level.OK, Formats.copiesLevel(1, 1), "one copy meets a target of one");
        assertEquals(Formats.Level.BAD, Formats.copiesLevel(1, 2), "a single copy is never amber");
        assertEquals(Formats.Level.WARN, Formats.copiesLevel(3, 5));
        assertEquals("2/3", Formats.copiesBadge(2, 3));
        assertEquals("badge-warn", Formats.Level.WARN.styleClass());
    }

    @Test
    void badgeTooltipSpellsOutTheCopies() {
        assertEquals("2 verified copies: Studio SSD, Backup A. Target 3, 1 offsite.",
                Formats.copiesTooltip(2, 3, 1, List.of("Studio SSD", "Backup A"), List.of()));
        assertEquals("1 verified copy: Studio SSD. Partly on Backup A (3 of 10 files). Target 3, 1 offsite.",
                Formats.copiesTooltip(1, 3, 1, List.of("Studio SSD"), List.of("Backup A (3 of 10 files)")));
        assertEquals("Not every file has a verified copy yet. Target 2, 0 offsite.",
                Formats.copiesTooltip(0, 2, 0, List.of(), List.of()));
    }

    @Test
    void relativeTimes() {
        assertEquals("never", Formats.relative(null, NOW));
        assertEquals("just now", Formats.relative(NOW.minusSeconds(20), NOW));
        assertEquals("just now", Formats.relative(NOW.plusSeconds(20), NOW), "a clock a little ahead");
        assertEquals("1 minute ago", Formats.relative(NOW.minusSeconds(61), NOW));
        assertEquals("5 minutes ago", Formats.relative(NOW.minus(Duration.ofMinutes(5)), NOW));
        assertEquals("3 hours ago", Formats.relative(NOW.minus(Duration.ofHours(3)), NOW));
        assertEquals("yesterday", Formats.relative(NOW.minus(Duration.ofHours(30)), NOW));
        assertEquals("12 days ago", Formats.relative(NOW.minus(Duration.ofDays(12)), NOW));
        assertEquals("4 months ago", Formats.relative(NOW.minus(Duration.ofDays(125)), NOW));
        assertEquals("3 years ago", Formats.relative(NOW.minus(Duration.ofDays(3 * 365 + 10)), NOW));
    }

    @Test
    void dateRanges() {
        LocalDateTime a = LocalDateTime.parse("2026-11-14T14:02:11");
        assertEquals("Sat 14 Nov 2026, 14:02 – 18:40", Formats.dateRange(a, LocalDateTime.parse("2026-11-14T18:40:00")));
        assertEquals("Sat 14 Nov 2026, 14:02", Formats.dateRange(a, a));
        assertEquals("Sat 14 Nov 2026, 14:02 – Sun 15 Nov 2026, 01:10",
                Formats.dateRange(a, LocalDateTime.parse("2026-11-15T01:10:00")));
        assertEquals("no capture date", Formats.dateRange(null, null));
        assertEquals("Sat 14 Nov 2026, 14:02:11", Formats.captureTime(a));
    }

    @Test
    void sizesRatesAndTimeLeft() {
        assertEquals("812 B", Formats.bytes(812));
        assertEquals("4.20 MB", Formats.bytes(4_200_000));
        assertEquals("37.5 GB", Formats.bytes(37_500_000_000L));
        assertEquals("120 MB/s", Formats.rate(120_000_000));
        assertEquals("less than a minute left", Formats.timeLeft(50_000_000, 100_000_000));
        assertEquals("about 4 min left", Formats.timeLeft(24_000_000_000L, 100_000_000));
        assertEquals("about 1 h 12 min left", Formats.timeLeft(432_000_000_000L, 100_000_000));
        assertEquals("", Formats.timeLeft(1000, 0), "no rate yet: say nothing rather than guess");
        assertEquals("", Formats.timeLeft(0, 100));
        assertEquals("1 file", Formats.count(1, "file"));
        assertEquals("2,031 files", Formats.count(2031, "file"));
    }

    @Test
    void sessionRowsSayWhatFallsShort() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        CopyPolicy policy = CopyPolicy.DEFAULT;
        StatusService.SessionStatus s = new StatusService.SessionStatus("s1", "Smith wedding", "2026/2026-11-14 Smith wedding",
                LocalDateTime.parse("2026-11-14T14:02:00"), LocalDateTime.parse("2026-11-14T23:40:00"), 200, 9_000_000_000L,
                policy.standing(List.of(new CopyPolicy.Bucket(2, 0, 120), new CopyPolicy.Bucket(1, 0, 80))), 3,
                List.of(new StatusService.LocationCopies(a, "Backup A", 120, 1), new StatusService.LocationCopies(b, "Studio SSD", 200, 2)),
                List.of("Canon EOS R5", "Sony ILCE-6400"), 0, NOW.minus(Duration.ofDays(12)), 0, null,
                LocalDateTime.parse("2026-11-14T14:02:00"), LocalDateTime.parse("2026-11-14T23:40:00"));
        SessionRow row = SessionRow.of(s, policy, NOW);
        assertEquals("1/3", row.badge());
        assertEquals(Formats.Level.BAD, row.level());
        assertTrue(row.needsAttention());
        assertEquals("12 days ago", row.lastVerifiedText());
        assertTrue(row.badgeTooltip().startsWith("1 verified copy: Studio SSD. Partly on Backup A (120 of 200 files)."),
                row.badgeTooltip());
        assertTrue(row.badgeTooltip().contains("Needs attention: 80 files have 1 copy; no offsite copy."), row.badgeTooltip());
        assertTrue(row.matches("sony"));
        assertTrue(row.matches("SMITH"));
        assertTrue(row.matches("  "));
        assertFalse(row.matches("portrait"));
    }
}
