package app.triplicate.core;

import java.time.Duration;
import java.util.Locale;

/** Sizes, rates and durations in words a photographer reads: decimal units, as drives are sold. */
public final class Units {
    private Units() {
    }

    /** "812 B", "4.20 MB", "37.5 GB", "1.21 TB". */
    public static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    public static String rate(double bytesPerSecond) {
        return bytes((long) bytesPerSecond) + "/s";
    }

    /** "4:05", "1:02:03". */
    public static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /**
     * A rate as the command line takes it: a whole or decimal number with a decimal unit per second
     * ({@code 500kB/s}, {@code 5MB/s}, {@code 1.5GB/s}; {@code B/s} too). Returns bytes per second.
     */
    public static long parseRate(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)b/s\\s*")
                .matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a rate; write it like 500kB/s or 5MB/s");
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1_000L;
            case "m" -> 1_000_000L;
            case "g" -> 1_000_000_000L;
            case "t" -> 1_000_000_000_000L;
            default -> 1L;
        };
        double v = Double.parseDouble(m.group(1)) * unit;
        if (v < 1) {
            throw new IllegalArgumentException("\"" + text + "\" is less than one byte a second");
        }
        return (long) v;
    }
}
