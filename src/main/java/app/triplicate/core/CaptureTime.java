package app.triplicate.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * When a picture was taken: the camera's wall-clock time, with its UTC offset where the file records one
 * (then it is an instant), where that came from, and whether it is only the fallback (the file's
 * modification time, because the file carries no usable date).
 *
 * @param local    the wall-clock time of capture, sub-seconds included
 * @param offset   the UTC offset of {@code local}, or null when the camera recorded none
 * @param source   the tag it came from ("EXIF:ExifIFD:DateTimeOriginal", "QuickTime:CreateDate", ...) or
 *                 {@link #FALLBACK_SOURCE}
 * @param fallback true when no date could be read from the file itself
 */
public record CaptureTime(LocalDateTime local, ZoneOffset offset, String source, boolean fallback) {

    public static final String FALLBACK_SOURCE = "file modification time";
    /**
     * The QuickTime/MP4 creation time, UTC by the format's convention: an instant, but not the camera's wall clock.
     */
    public static final String UTC_CREATION_SOURCE = "QuickTime:CreateDate";
    private static final LocalDate EARLIEST_PLAUSIBLE = LocalDate.of(1980, 1, 1);

    public static CaptureTime fallback(Instant modified, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(modified, zone);
        return new CaptureTime(local, zone.getRules().getOffset(modified), FALLBACK_SOURCE, true);
    }

    /** The instant, when the offset is known. */
    public Instant instant() {
        return offset == null ? null : local.toInstant(offset);
    }

    /**
     * The camera's own wall clock is known: the file records a local time of capture (with or without its offset),
     * not only an instant in UTC or the file's modification time.
     */
    public boolean wallClockKnown() {
        return !fallback && !UTC_CREATION_SOURCE.equals(source);
    }

    /** The instant, taking {@code assumed} as the offset when the file records none. */
    public Instant instant(ZoneOffset assumed) {
        return local.toInstant(offset != null ? offset : assumed);
    }

    /** A camera clock that was not set or is wrong: before 1980, or later than tomorrow. */
    public boolean suspicious(LocalDate today) {
        LocalDate d = local.toLocalDate();
        return d.isBefore(EARLIEST_PLAUSIBLE) || d.isAfter(today.plusDays(1));
    }
}
