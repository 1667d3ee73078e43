package app.triplicate.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordsTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void oneIsSingularAndEveryOtherNumberPlural() {
        assertEquals("1 file", Words.count(1, "file"));
        assertEquals("0 files", Words.count(0, "file"));
        assertEquals("2 files", Words.count(2, "file"));
        assertEquals("2,031 files", Words.count(2031, "file"));
        assertEquals("1 copy", Words.count(1, "copy", "copies"));
        assertEquals("3 copies", Words.count(3, "copy", "copies"));
    }

    @Test
    void agesReadAsAPersonSaysThem() {
        assertEquals("never", Words.ago(null, NOW));
        assertEquals("just now", Words.ago(NOW.minusSeconds(59), NOW));
        assertEquals("1 minute ago", Words.ago(NOW.minusSeconds(61), NOW));
        assertEquals("1 hour ago", Words.ago(NOW.minus(Duration.ofMinutes(61)), NOW));
        assertEquals("yesterday", Words.ago(NOW.minus(Duration.ofHours(30)), NOW));
        assertEquals("45 days ago", Words.ago(NOW.minus(Duration.ofDays(45)), NOW));
    }
}
