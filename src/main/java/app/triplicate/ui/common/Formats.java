package app.triplicate.ui.common;

import app.triplicate.core.Units;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The words and numbers the window shows: plain functions, unit-tested. */
public final class Formats {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

    private Formats() {
    }

    /** How a copy count reads at a glance: green at the target, red at one copy or none, amber between. */
    public enum Level {
        OK, WARN, BAD;

        /** The style class of a badge at this level. */
        public String styleClass() {
            return switch (this) {
                case OK -> "badge-ok";
                case WARN -> "badge-warn";
                case BAD -> "badge-bad";
            };
        }
    }

    public static Level copiesLevel(int copies, int target) {
        if (copies >= target) {
            return Level.OK;
        }
        return copies <= 1 ? Level.BAD : Level.WARN;
    }

    /** "2/3". */
    public static String copiesBadge(int copies, int target) {
        return copies + "/" + target;
    }

    /**
     * The badge's tooltip in words: "2 verified copies: Studio SSD, Backup A. Target 3, 1 offsite."
     *
     * @param complete the locations holding a verified copy of every file of the session
     * @param partial  the locations holding some of them, as "Backup B (120 of 200 files)"
     */
    public static String copiesTooltip(int copies, int target, int offsiteTarget, List<String> complete,
                                       List<String> partial) {
        StringBuilder b = new StringBuilder();
        if (copies == 0) {
            b.append("Not every file has a verified copy yet.");
        } else {
            b.append(copies).append(copies == 1 ? " verified copy" : " verified copies");
            if (!complete.isEmpty()) {
                b.append(": ").append(String.join(", ", complete));
            }
            b.append('.');
        }
        if (!partial.isEmpty()) {
            b.append(" Partly on ").append(String.join(", ", partial)).append('.');
        }
        b.append(" Target ").append(target).append(", ").append(offsiteTarget).append(" offsite.");
        return b.toString();
    }

    /** "just now", "5 minutes ago", "3 hours ago", "yesterday", "12 days ago", "4 months ago", "never". */
    public static String relative(Instant then, Instant now) {
        return app.triplicate.core.Words.ago(then, now);
    }

    /** "Sat 14 Nov 2026, 14:02 – 18:40", or both days when the session spans midnight. */
    public static String dateRange(LocalDateTime first, LocalDateTime last) {
        if (first == null) {
            return "no capture date";
        }
        if (last == null || last.equals(first)) {
            return DAY.format(first) + ", " + TIME.format(first);
        }
        if (first.toLocalDate().equals(last.toLocalDate())) {
            return DAY.format(first) + ", " + TIME.format(first) + " – " + TIME.format(last);
        }
        return DAY.format(first) + ", " + TIME.format(first) + " – " + DAY.format(last) + ", " + TIME.format(last);
    }

    /** A capture time with seconds: "Sat 14 Nov 2026, 14:02:37". */
    public static String captureTime(LocalDateTime t) {
        return t == null ? "no date" : DAY.format(t) + ", " + SECONDS.format(t);
    }

    public static String bytes(long n) {
        return Units.bytes(n);
    }

    public static String rate(double bytesPerSecond) {
        return Units.rate(bytesPerSecond);
    }

    /** "about 4 min left", "less than a minute left", "about 1 h 12 min left"; empty when unknown. */
    public static String timeLeft(long remainingBytes, double bytesPerSecond) {
        if (remainingBytes <= 0) {
            return "";
        }
        if (bytesPerSecond <= 0) {
            return "";
        }
        long s = (long) Math.ceil(remainingBytes / bytesPerSecond);
        if (s < 60) {
            return "less than a minute left";
        }
        long min = (s + 30) / 60;
        if (min < 60) {
            return "about " + min + " min left";
        }
        return "about " + (min / 60) + " h " + (min % 60) + " min left";
    }

    /** "1 file", "2,031 files". */
    public static String count(long n, String noun) {
        return app.triplicate.core.Words.count(n, noun);
    }

    /**
     * The running upload for the status bar: "Uploading offsite: 12 of 40 files, 3.10 MB/s, 4:05 left"; before
     * the push knows what it sends, "Uploading offsite: looking for files to send".
     */
    public static String uploadStatus(app.triplicate.progress.PushProgress.Snapshot s) {
        if (s.totalFiles() == 0) {
            return "Uploading offsite: looking for files to send";
        }
        StringBuilder b = new StringBuilder("Uploading offsite: ").append(String.format(Locale.ENGLISH, "%,d", s.filesDone()))
                .append(" of ").append(count(s.totalFiles(), "file"));
        if (s.bytesPerSecond() > 0 && s.bytesSent() > 0) {
            b.append(", ").append(rate(s.bytesPerSecond()));
        }
        s.timeLeft().ifPresent(d -> b.append(", ").append(Units.clock(d)).append(" left"));
        if (s.filesFailed() > 0) {
            b.append(", ").append(count(s.filesFailed(), "file")).append(" failed");
        }
        return b.toString();
    }

    /**
     * How much of a session is on the remote while a push runs, 0 to 99 (100 only once the catalog says every
     * file is verified there): what was verified there when the push began, plus this push's share of the rest.
     * The rest is taken as all queued; files waiting for a drive that is not connected make it stop short.
     *
     * @param bytes        the session's bytes
     * @param remoteBefore its bytes verified on the remote when the push began
     * @param pushPercent  how far this push is with the session's files it queued (PushProgress.sessionPercent)
     */
    public static int uploadPercent(long bytes, long remoteBefore, int pushPercent) {
        if (bytes <= 0) {
            return 0;
        }
        long before = Math.max(0, Math.min(bytes, remoteBefore));
        long p = Math.max(0, Math.min(100, pushPercent));
        long combined = (before * 100 + p * (bytes - before)) / bytes;
        return (int) Math.min(99, combined);
    }
}
