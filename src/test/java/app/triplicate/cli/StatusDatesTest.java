package app.triplicate.cli;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dates column of the {@code status} table: the camera's clock, as short as stays unambiguous. */
class StatusDatesTest {
    private static String range(String first, String last) {
        return StatusCommand.wallClockRange(first == null ? null : LocalDateTime.parse(first),
                last == null ? null : LocalDateTime.parse(last));
    }

    @Test
    void aRangeIsWrittenAsShortAsStaysUnambiguous() {
        assertEquals("-", range(null, null), "an empty session");
        assertEquals("2020-04-17 10:03", range("2020-04-17T10:03:42.262", "2020-04-17T10:03:59"));
        assertEquals("2020-04-17 10:03-11:40", range("2020-04-17T10:03:42", "2020-04-17T11:40:00"));
        assertEquals("2026-11-26 22:10 .. 11-27 01:30", range("2026-11-26T22:10:00", "2026-11-27T01:30:00"));
        assertEquals("2026-12-31 22:00 .. 2027-01-01 01:00", range("2026-12-31T22:00:00", "2027-01-01T01:00:00"));
        assertEquals("2020-04-17 10:03 .. 2021-04-17 10:03", range("2020-04-17T10:03:00", "2021-04-17T10:03:00"),
                "a year apart at the same minute is not one moment");
    }
}
