package app.triplicate.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC.md section 4: whole numbers with s, m, h or d, combinable. */
class DurationsTest {

    @Test
    void readsSingleAndCompoundDurations() {
        assertEquals(Duration.ofMinutes(90), Durations.parse("90m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofDays(30), Durations.parse("30d"));
        assertEquals(Duration.ofSeconds(45), Durations.parse("45s"));
        assertEquals(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4), Durations.parse(" 1D2h3m4s "));
        assertEquals(Duration.ZERO, Durations.parse("0m"), "zero parses; whether it is allowed is the setting's rule");
    }

    @Test
    void refusesWhatIsNotWholeNumbersWithUnitsLargestFirst() {
        for (String bad : new String[]{"", " ", "3", "h", "1.5h", "3 hours", "30m1h", "1h1h", "1h 30m", "-1h", "1w",
                "1234567890s", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad),
                    String.valueOf(bad));
            assertTrue(e.getMessage().contains("like 90m, 3h or 1h30m"), e.getMessage());
        }
    }

    @Test
    void writesTheShortestExactForm() {
        assertEquals("3h", Durations.format(Duration.ofHours(3)));
        assertEquals("90m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("30d", Durations.format(Duration.ofDays(30)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("1h1m30s", Durations.format(Duration.ofSeconds(3690)));
        assertEquals(Duration.ofSeconds(3690), Durations.parse(Durations.format(Duration.ofSeconds(3690))));
    }
}
