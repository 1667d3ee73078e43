package app.triplicate.capture;

import app.triplicate.core.CaptureTime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The clocks of one card: places every file on the line of instants, and tells the camera's wall-clock time of
 * an instant. A file that records no offset takes the card's one offset (SPEC.md, <i>capture time</i>), so the
 * gaps between such files are their wall-clock differences and a daylight-saving change neither makes nor hides
 * one. That offset is the one most of the card's files record themselves (the camera's zone), or, when none
 * does, the computer's offset at the card's first such capture.
 */
final class CardClock {
    private final ZoneId zone;
    private final ZoneOffset recorded;
    private final ZoneOffset assumed;

    private CardClock(ZoneId zone, ZoneOffset recorded, ZoneOffset assumed) {
        this.zone = zone;
        this.recorded = recorded;
        this.assumed = assumed;
    }

    static CardClock of(Collection<CaptureTime> times, ZoneId zone) {
        ZoneOffset recorded = times.stream().filter(t -> t.wallClockKnown() && t.offset() != null)
                .collect(Collectors.groupingBy(CaptureTime::offset, Collectors.counting()))
                .entrySet().stream()
                // the most common; on a tie the larger offset, so that every scan of the card agrees
                .max(Map.Entry.<ZoneOffset, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.comparingInt(ZoneOffset::getTotalSeconds))))
                .map(Map.Entry::getKey).orElse(null);
        ZoneOffset assumed = recorded != null ? recorded : times.stream().filter(t -> t.offset() == null)
                .map(CaptureTime::local).min(Comparator.naturalOrder())
                .map(first -> zone.getRules().getOffset(first)).orElse(ZoneOffset.UTC);
        return new CardClock(zone, recorded, assumed);
    }

    Instant instant(CaptureTime t) {
        return t.instant(assumed);
    }

    /**
     * The wall-clock time of a shot taken at {@code instant}: in the zone of the first of {@code times} that knows
     * the camera's wall clock (so a Live Photo's UTC video reads as its picture does); for a shot with only a UTC
     * video, in the card's recorded offset; for a shot dated by file modification times only, on the computer's
     * clock, as those times are shown.
     */
    LocalDateTime wallClock(Instant instant, Collection<CaptureTime> times) {
        ZoneOffset offset = times.stream().filter(CaptureTime::wallClockKnown).findFirst()
                .map(t -> Objects.requireNonNullElse(t.offset(), assumed))
                .orElseGet(() -> times.stream().allMatch(CaptureTime::fallback) || recorded == null
                        ? zone.getRules().getOffset(instant) : recorded);
        return LocalDateTime.ofInstant(instant, offset);
    }

    /** The place on the computer's local timeline, as the catalog keeps it for ranges and joins. */
    LocalDateTime timeline(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }
}
