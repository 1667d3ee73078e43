package app.triplicate.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Numbers in words, the same in the window and on the command line: "1 file", "2 files", "3 days ago". */
public final class Words {
    private Words() {
    }

    /** "1 file", "2 files", "2,031 files". */
    public static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** "1,204". */
    public static String number(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    /** For nouns whose plural is not "+s": {@code count(n, "copy", "copies")}. */
    public static String count(long n, String one, String many) {
        return String.format(Locale.ENGLISH, "%,d %s", n, n == 1 ? one : many);
    }

    /** "just now", "5 minutes ago", "3 hours ago", "yesterday", "12 days ago", "4 months ago", "never". */
    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        Duration d = Duration.between(then, now);
        if (d.isNegative() || d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return count(d.toMinutes(), "minute") + " ago";
        }
        if (d.toDays() < 1) {
            return count(d.toHours(), "hour") + " ago";
        }
        if (d.toDays() < 2) {
            return "yesterday";
        }
        if (d.toDays() < 60) {
            return d.toDays() + " days ago";
        }
        if (d.toDays() < 730) {
            return (d.toDays() / 30) + " months ago";
        }
        return (d.toDays() / 365) + " years ago";
    }
}
