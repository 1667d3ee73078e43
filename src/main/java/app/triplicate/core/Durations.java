package app.triplicate.core;

import java.time.Duration;
import java.util.Locale;

/** Durations as the command line writes them: a whole number with s, m, h or d ("90m", "3h", "30d"). */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (!t.matches("\\d{1,9}[smhd]")) {
            throw new IllegalArgumentException("a duration is a whole number with s, m, h or d (like 90m or 3h), not \""
                    + text + "\"");
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The shortest exact form: 3h rather than 180m. */
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
        return s + "s";
    }
}
