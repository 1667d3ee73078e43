package app.triplicate.settings;

import app.triplicate.core.Durations;
import app.triplicate.core.LibraryLayout;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the values a user may set before they are saved, each with a message that says what to change.
 * Shared by the window's forms; the rules are those the services apply when they read the settings.
 */
public final class SettingsCheck {
    /** More copies than this is a typing slip rather than a policy. */
    public static final int MAX_COPIES = 9;

    /** A shorter gap would split a burst of pictures into sessions of one picture each (SPEC.md section 4). */
    public static final Duration MIN_SESSION_GAP = Duration.ofMinutes(1);

    /** Re-reading every copy more often than daily wears drives for no gain; shorter is a typing slip (1m for 1d). */
    public static final Duration MIN_SCRUB_INTERVAL = Duration.ofDays(1);

    /** The session the live example of a folder template is shown for. */
    public static final LocalDate SAMPLE_DAY = LocalDate.of(2026, 11, 14);
    public static final String SAMPLE_SESSION = "2026-11-14 Garden party";
    public static final String SAMPLE_CAMERA = "Canon EOS R6";

    private SettingsCheck() {
    }

    /** What is wrong with a copy policy, if anything. */
    public static Optional<String> policy(int target, int offsite, int beforeFormat) {
        if (target < 1) {
            return Optional.of("Keep at least 1 copy.");
        }
        if (target > MAX_COPIES) {
            return Optional.of("At most " + MAX_COPIES + " copies.");
        }
        if (offsite < 0) {
            return Optional.of("Offsite copies cannot be fewer than 0.");
        }
        if (offsite > target) {
            return Optional.of("Offsite copies (" + offsite + ") cannot be more than the target (" + target
                    + "): offsite copies are part of it.");
        }
        if (beforeFormat < 1) {
            return Optional.of("A card is safe to format only once at least 1 verified copy exists.");
        }
        if (beforeFormat > target) {
            return Optional.of("Copies before a card is safe to format (" + beforeFormat
                    + ") cannot be more than the target (" + target + ").");
        }
        return Optional.empty();
    }

    /** What is wrong with a session gap such as "3h", "90m" or "1h30m", if anything. */
    public static Optional<String> sessionGap(String text) {
        Optional<Duration> gap = duration(text);
        if (gap.isEmpty()) {
            return Optional.of(notADuration("The session gap", text));
        }
        if (gap.get().compareTo(MIN_SESSION_GAP) < 0) {
            return Optional.of("The session gap must be at least 1 minute: with a shorter one, pictures of one burst "
                    + "fall into separate sessions.");
        }
        return Optional.empty();
    }

    /** What is wrong with a scrub interval such as "30d", if anything. */
    public static Optional<String> scrubInterval(String text) {
        Optional<Duration> interval = duration(text);
        if (interval.isEmpty()) {
            return Optional.of(notADuration("The scrub interval", text));
        }
        if (interval.get().compareTo(MIN_SCRUB_INTERVAL) < 0) {
            return Optional.of("The scrub interval must be at least 1 day: copies are re-read on a schedule of days "
                    + "or weeks, like 30d.");
        }
        return Optional.empty();
    }

    private static Optional<Duration> duration(String text) {
        try {
            return Optional.of(Durations.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String notADuration(String what, String text) {
        String shown = text == null ? "" : text.strip();
        return (shown.isEmpty() ? what + " is empty" : "\"" + shown + "\" is not a duration")
                + ": write whole numbers with d, h, m or s, like 90m, 3h or 1h30m.";
    }

    /** What is wrong with an upload limit such as "5MB/s" (empty: no limit), if anything. */
    public static Optional<String> uploadLimit(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            app.triplicate.core.Units.parseRate(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("The upload limit " + e.getMessage() + ", or leave it empty for no limit.");
        }
    }

    /** What is wrong with a library folder template, if anything. */
    public static Optional<String> folderTemplate(String template) {
        if (template == null || template.isBlank()) {
            return Optional.of("The folder template is empty: use {session} or the date down to {dd}, "
                    + "for example {yyyy}/{yyyy}-{MM}-{dd} {session}.");
        }
        try {
            LibraryLayout.checkTemplate(template);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            return Optional.of(Character.toUpperCase(m.charAt(0)) + m.substring(1) + ".");
        }
    }

    /**
     * Where the sample session's files would go under a template, from the drive's library folder:
     * {@code Triplicate/2026/2026-11-14 Garden party/}. Empty when the template is not valid.
     */
    public static Optional<String> exampleFolder(String template) {
        if (folderTemplate(template).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(LibraryLayout.ROOT + "/"
                + LibraryLayout.sessionFolder(template, SAMPLE_DAY, SAMPLE_SESSION, SAMPLE_CAMERA) + "/");
    }

    /** Every problem of a whole settings record, in the order the settings are shown. */
    public static List<String> problems(Settings settings) {
        Settings s = settings.withDefaults();
        List<String> out = new ArrayList<>();
        policy(s.targetCopies(), s.offsiteCopies(), s.copiesBeforeFormat()).ifPresent(out::add);
        sessionGap(s.sessionGap()).ifPresent(out::add);
        folderTemplate(s.folderTemplate()).ifPresent(out::add);
        scrubInterval(s.scrubInterval()).ifPresent(out::add);
        uploadLimit(s.uploadLimit()).ifPresent(out::add);
        return out;
    }
}
