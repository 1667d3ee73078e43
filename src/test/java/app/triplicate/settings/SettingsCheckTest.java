package app.triplicate.settings;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsCheckTest {

    @Test
    void acceptsTheDefaultsAndThe321Rule() {
        assertEquals(List.of(), SettingsCheck.problems(Settings.defaults()));
        assertEquals(Optional.empty(), SettingsCheck.policy(3, 1, 2));
        assertEquals(Optional.empty(), SettingsCheck.policy(1, 0, 1));
        assertEquals(Optional.empty(), SettingsCheck.policy(2, 2, 2));
    }

    @Test
    void offsiteAndBeforeFormatCannotExceedTheTarget() {
        assertEquals("Offsite copies (3) cannot be more than the target (2): offsite copies are part of it.",
                SettingsCheck.policy(2, 3, 1).orElseThrow());
        assertEquals("Copies before a card is safe to format (4) cannot be more than the target (3).",
                SettingsCheck.policy(3, 1, 4).orElseThrow());
    }

    @Test
    void atLeastOneCopyAndOneBeforeFormat() {
        assertEquals("Keep at least 1 copy.", SettingsCheck.policy(0, 0, 0).orElseThrow());
        assertTrue(SettingsCheck.policy(3, 1, 0).orElseThrow().contains("at least 1 verified copy"));
        assertTrue(SettingsCheck.policy(3, -1, 2).isPresent());
        assertTrue(SettingsCheck.policy(10, 1, 2).orElseThrow().contains("At most 9"));
    }

    @Test
    void sessionGapIsWholeNumbersWithUnitsOfAtLeastOneMinute() {
        assertEquals(Optional.empty(), SettingsCheck.sessionGap("3h"));
        assertEquals(Optional.empty(), SettingsCheck.sessionGap("1h30m"));
        assertEquals(Optional.empty(), SettingsCheck.sessionGap("1m"));
        assertEquals(Optional.empty(), SettingsCheck.sessionGap("60s"));
        assertEquals(Optional.empty(), SettingsCheck.sessionGap("90m"));
        assertEquals(Optional.empty(), SettingsCheck.sessionGap(" 2d "));
        assertEquals("\"3 hours\" is not a duration: write whole numbers with d, h, m or s, like 90m, 3h or 1h30m.",
                SettingsCheck.sessionGap("3 hours").orElseThrow());
        assertTrue(SettingsCheck.sessionGap("").orElseThrow().startsWith("The session gap is empty"));
        assertTrue(SettingsCheck.sessionGap("1.5h").isPresent());
        assertTrue(SettingsCheck.sessionGap("0m").orElseThrow().startsWith("The session gap must be at least 1 minute"));
        assertTrue(SettingsCheck.sessionGap("59s").orElseThrow().startsWith("The session gap must be at least 1 minute"));
    }

    @Test
    void scrubIntervalIsADurationOfAtLeastOneDay() {
        assertEquals("30d", Settings.defaults().scrubInterval());
        assertEquals(Optional.empty(), SettingsCheck.scrubInterval("30d"));
        assertEquals(Optional.empty(), SettingsCheck.scrubInterval("1d12h"));
        assertEquals("\"monthly\" is not a duration: write whole numbers with d, h, m or s, like 90m, 3h or 1h30m.",
                SettingsCheck.scrubInterval("monthly").orElseThrow());
        assertTrue(SettingsCheck.scrubInterval("").orElseThrow().startsWith("The scrub interval is empty"));
        assertTrue(SettingsCheck.scrubInterval("12h").orElseThrow().startsWith("The scrub interval must be at least 1 day"));
        assertEquals(java.time.Duration.ofDays(30), Settings.defaults().scrubDuration());
        assertEquals(java.time.Duration.ofDays(7), Settings.defaults().withScrubInterval("7d").scrubDuration());
    }

    @Test
    void uploadLimitIsARateOrNothing() {
        assertEquals(Optional.empty(), SettingsCheck.uploadLimit(""));
        assertEquals(Optional.empty(), SettingsCheck.uploadLimit(null));
        assertEquals(Optional.empty(), SettingsCheck.uploadLimit("5MB/s"));
        assertEquals(Optional.empty(), SettingsCheck.uploadLimit(" 500kB/s "));
        assertEquals("The upload limit \"fast\" is not a rate; write it like 500kB/s or 5MB/s, or leave it empty"
                + " for no limit.", SettingsCheck.uploadLimit("fast").orElseThrow());
        assertEquals(5_000_000, app.triplicate.settings.Settings.defaults().withUploadLimit("5MB/s").uploadBytesPerSecond());
        assertEquals(0, app.triplicate.settings.Settings.defaults().withUploadLimit("  ").uploadBytesPerSecond());
    }

    @Test
    void folderTemplateNeedsTheSessionOrTheDayAndKnownTokens() {
        assertEquals(Optional.empty(), SettingsCheck.folderTemplate("{yyyy}/{yyyy}-{MM}-{dd} {session}"));
        assertEquals(Optional.empty(), SettingsCheck.folderTemplate("{camera}/{session}"));
        assertEquals(Optional.empty(), SettingsCheck.folderTemplate("{yyyy}/{MM}/{dd}"));
        assertTrue(SettingsCheck.folderTemplate("{yyyy}/{MM}").orElseThrow()
                .startsWith("The folder template needs {session} or the date down to {dd}"));
        assertTrue(SettingsCheck.folderTemplate("{year}/{session}").orElseThrow().startsWith("Unknown token {year}"));
        assertTrue(SettingsCheck.folderTemplate("  ").orElseThrow().startsWith("The folder template is empty"));
    }

    @Test
    void theExampleShowsWhereTheSampleSessionGoes() {
        assertEquals(Optional.of("Triplicate/2026/2026-11-14 Garden party/"),
                SettingsCheck.exampleFolder("{yyyy}/{yyyy}-{MM}-{dd} {session}"));
        assertEquals(Optional.of("Triplicate/Canon EOS R6/2026-11-14 Garden party/"),
                SettingsCheck.exampleFolder("{camera}/{session}"));
        assertEquals(Optional.empty(), SettingsCheck.exampleFolder("{yyyy}"));
    }

    @Test
    void problemsListsEveryFieldInOrder() {
        Settings bad = Settings.defaults().withSessionGap("soon").withFolderTemplate("{yyyy}")
                .withPolicy(new app.triplicate.core.CopyPolicy(2, 3, 1)).withScrubInterval("1h")
                .withUploadLimit("fast");
        List<String> problems = SettingsCheck.problems(bad);
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Offsite copies"));
        assertTrue(problems.get(1).startsWith("\"soon\""));
        assertTrue(problems.get(2).startsWith("The folder template"));
        assertTrue(problems.get(3).startsWith("The scrub interval"));
        assertTrue(problems.get(4).startsWith("The upload limit"));
    }
}
