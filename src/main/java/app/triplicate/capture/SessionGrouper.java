package app.triplicate.capture;

import app.triplicate.core.MediaTypes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups a card's files into proposed sessions by capture time: files are sorted by instant (a file without an
 * offset takes the card's, see {@link CardClock}) and a new session starts where the gap between consecutive
 * shots exceeds the threshold; sessions are named and dated by the camera's wall clock, not the computer's.
 * Files sharing a base name in the same card folder (RAW+JPEG, sidecars, a Live Photo's HEIC and MOV) are one
 * shot and never split.
 */
public final class SessionGrouper {

    /** A file to group. */
    public record Item(String relativePath, long size, CaptureReading reading) {
    }

    /**
     * Files that belong together, with the time that places them.
     *
     * @param time      the shot's place on the computer's local timeline (as the catalog keeps it)
     * @param instant   when it was taken: what gaps are measured between
     * @param wallClock the camera's wall-clock time of the shot, as its pictures show it
     */
    public record Shot(List<Item> items, LocalDateTime time, boolean fallbackOnly, Instant instant,
                       LocalDateTime wallClock) {
    }

    /**
     * A proposed session: its shots in time order.
     *
     * @param first the first shot on the computer's local timeline (see {@link #firstWallClock()} for the camera's)
     */
    public record Proposal(List<Shot> shots, LocalDateTime first, LocalDateTime last) {
        /** The camera's wall-clock time of the first shot: what names, dates and folders use. */
        public LocalDateTime firstWallClock() {
            return shots.get(0).wallClock();
        }

        public LocalDateTime lastWallClock() {
            return shots.get(shots.size() - 1).wallClock();
        }

        public Instant firstInstant() {
            return shots.get(0).instant();
        }

        public Instant lastInstant() {
            return shots.get(shots.size() - 1).instant();
        }

        public List<Item> items() {
            return shots.stream().flatMap(s -> s.items().stream()).toList();
        }

        public long bytes() {
            return items().stream().mapToLong(Item::size).sum();
        }

        /** Distinct camera names, in order of first appearance. */
        public List<String> cameras() {
            Set<String> out = new LinkedHashSet<>();
            for (Item i : items()) {
                if (i.reading().camera().isKnown()) {
                    out.add(i.reading().camera().displayName());
                }
            }
            return List.copyOf(out);
        }

        public long fallbackCount() {
            return items().stream().filter(i -> i.reading().time().fallback()).count();
        }

        public long suspiciousCount() {
            return items().stream().filter(i -> i.reading().suspicious()).count();
        }

        /** The default name: the date and part of day of the first shot on the camera's clock, "2026-11-26 Afternoon". */
        public String defaultName() {
            return SessionGrouper.defaultName(firstWallClock());
        }
    }

    private final ZoneId zone;

    public SessionGrouper(ZoneId zone) {
        this.zone = zone;
    }

    public List<Proposal> group(List<Item> items, Duration gap) {
        List<Shot> shots = timeline(items);
        List<Proposal> out = new ArrayList<>();
        List<Shot> current = new ArrayList<>();
        for (Shot shot : shots) {
            if (!current.isEmpty()) {
                Instant previous = current.get(current.size() - 1).instant();
                if (Duration.between(previous, shot.instant()).compareTo(gap) > 0) {
                    out.add(proposal(current));
                    current = new ArrayList<>();
                }
            }
            current.add(shot);
        }
        if (!current.isEmpty()) {
            out.add(proposal(current));
        }
        return out;
    }

    /**
     * Groups where the user chose instead of at gaps: the shots in time order, with a new session starting at
     * every shot that holds one of {@code starts} (the first shot always starts one). A start naming no file
     * of the card is ignored, so a grouping chosen on one scan still applies to the next.
     */
    public List<Proposal> groupAt(List<Item> items, Set<String> starts) {
        List<Proposal> out = new ArrayList<>();
        List<Shot> current = new ArrayList<>();
        for (Shot shot : timeline(items)) {
            if (!current.isEmpty() && shot.items().stream().anyMatch(i -> starts.contains(i.relativePath()))) {
                out.add(proposal(current));
                current = new ArrayList<>();
            }
            current.add(shot);
        }
        if (!current.isEmpty()) {
            out.add(proposal(current));
        }
        return out;
    }

    /** The shots in time order (ties by path, so the order is the same on every scan). */
    private List<Shot> timeline(List<Item> items) {
        List<Shot> shots = shots(items, CardClock.of(items.stream().map(i -> i.reading().time()).toList(), zone));
        shots.sort(Comparator.comparing(Shot::instant).thenComparing(s -> s.items().get(0).relativePath()));
        return shots;
    }

    private static Proposal proposal(List<Shot> shots) {
        return new Proposal(List.copyOf(shots), shots.get(0).time(), shots.get(shots.size() - 1).time());
    }

    /** Files with one base name in one folder are one shot; its time is the earliest real capture time. */
    private static List<Shot> shots(List<Item> items, CardClock clock) {
        Map<String, List<Item>> byShot = new LinkedHashMap<>();
        for (Item i : items) {
            byShot.computeIfAbsent(shotKey(i.relativePath()), k -> new ArrayList<>()).add(i);
        }
        List<Shot> out = new ArrayList<>();
        for (List<Item> group : byShot.values()) {
            group.sort(Comparator.comparing((Item i) -> rank(i.relativePath())).thenComparing(Item::relativePath));
            Instant real = group.stream().filter(i -> !i.reading().time().fallback())
                    .map(i -> clock.instant(i.reading().time())).min(Comparator.naturalOrder()).orElse(null);
            Instant instant = real != null ? real : group.stream().map(i -> clock.instant(i.reading().time()))
                    .min(Comparator.naturalOrder()).orElseThrow();
            LocalDateTime wallClock = clock.wallClock(instant, group.stream().map(i -> i.reading().time()).toList());
            out.add(new Shot(List.copyOf(group), clock.timeline(instant), real == null, instant, wallClock));
        }
        return out;
    }

    /** Folder plus the name up to its first dot: IMG_0001.CR2, IMG_0001.JPG and IMG_0001.CR2.xmp agree. */
    static String shotKey(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        String name = relativePath.substring(slash + 1);
        int dot = name.indexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return relativePath.substring(0, slash + 1).toLowerCase(Locale.ROOT) + base.toLowerCase(Locale.ROOT);
    }

    /** Pictures before videos before sidecars, so a shot is listed by its picture. */
    private static int rank(String path) {
        return MediaTypes.kindOf(path).map(k -> switch (k) {
            case RAW -> 0;
            case PHOTO -> 1;
            case VIDEO -> 2;
            case AUDIO -> 3;
            case SIDECAR -> 4;
        }).orElse(5);
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    public static String defaultName(LocalDateTime first) {
        int h = first.getHour();
        String part = h >= 5 && h < 12 ? "Morning" : h >= 12 && h < 17 ? "Afternoon" : h >= 17 && h < 21 ? "Evening" : "Night";
        return DAY.format(first) + " " + part;
    }
}
