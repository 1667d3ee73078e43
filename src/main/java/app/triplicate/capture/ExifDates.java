package app.triplicate.capture;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the date strings cameras write. A zero, blank or impossible date is no date: cameras with an
 * unset clock write "0000:00:00 00:00:00" or spaces, and metadata readers would otherwise turn those into
 * year 2 or 1970.
 */
public final class ExifDates {
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\s*(\\d{4})[:/\\-.](\\d{1,2})[:/\\-.](\\d{1,2})[ T]+(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?(?:\\.(\\d+))?"
                    + "\\s*(Z|[+\\-]\\d{2}:?\\d{2})?.*", Pattern.DOTALL);
    private static final Pattern OFFSET = Pattern.compile("\\s*([+\\-])(\\d{1,2}):?(\\d{2})\\s*");

    private ExifDates() {
    }

    /** A date-time such as {@code 2020:04:17 10:03:42} (also with {@code -}, {@code /} or a trailing zone). */
    public static Optional<LocalDateTime> parse(String text) {
        return parseWithZone(text).map(Zoned::local);
    }

    /** A parsed date-time and the zone written after it, if any. */
    public record Zoned(LocalDateTime local, ZoneOffset offset) {
    }

    public static Optional<Zoned> parseWithZone(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            if (year == 0 || month == 0 || day == 0) {
                return Optional.empty();
            }
            LocalDateTime t = LocalDateTime.of(year, month, day, Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            if (m.group(7) != null) {
                t = withSubSeconds(t, m.group(7));
            }
            ZoneOffset zone = m.group(8) == null ? null : offset(m.group(8)).orElse(null);
            return Optional.of(new Zoned(t, zone));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Applies SubSecTimeOriginal: "262" is .262 s, "064" .064 s, "616284" .616284 s; junk is ignored. */
    public static LocalDateTime withSubSeconds(LocalDateTime t, String subSeconds) {
        if (subSeconds == null) {
            return t;
        }
        String digits = subSeconds.strip();
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            return t;
        }
        if (digits.length() > 9) {
            digits = digits.substring(0, 9);
        }
        int nanos = new BigDecimal("0." + digits).movePointRight(9).intValue();
        return t.withNano(nanos);
    }

    /** An offset such as {@code -06:00}, {@code +0100} or {@code Z}. */
    public static Optional<ZoneOffset> offset(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.strip().equals("Z")) {
            return Optional.of(ZoneOffset.UTC);
        }
        Matcher m = OFFSET.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int hours = Integer.parseInt(m.group(2));
            int minutes = Integer.parseInt(m.group(3));
            int sign = m.group(1).equals("-") ? -1 : 1;
            return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
