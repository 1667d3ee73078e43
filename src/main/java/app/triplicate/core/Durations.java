package app.triplicate.core;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the command line and the settings write them (SPEC.md section 4): whole numbers with s, m, h or d,
 * combinable from the largest unit down ("90m", "3h", "1h30m", "30d").
 */
public final class Durations {
    /**
     * Each unit at most once, largest first: "1h30m" but not "30m1h" or "1h1h", which are more likely slips than
     * meant; the 9-digit cap keeps every sum far inside a Duration.
     */
    private static final Pattern FORM = Pattern.compile("(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?");

    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("a duration is whole numbers with d, h, m or s, largest first "
                    + "(like 90m, 3h or 1h30m), not \"" + text + "\"");
        }
        return Duration.ofDays(part(m, 1)).plusHours(part(m, 2)).plusMinutes(part(m, 3)).plusSeconds(part(m, 4));
    }

    private static long part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }

    /** The shortest exact form: 3h rather than 180m, 90m rather than 1h30m, 1d1s when no single unit fits. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 86400 == 0 && s > 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        if (s < 60 * 60) {
            return s + "s";
        }
        StringBuilder b = new StringBuilder();
        long[] sizes = {86400, 3600, 60, 1};
        String units = "dhms";
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                b.append(s / sizes[i]).append(units.charAt(i));
                s %= sizes[i];
            }
        }
        return b.toString();
    }
}
