package app.triplicate.capture;

import app.triplicate.core.MediaTypes;

import java.time.Duration;
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
 * Groups a card's files into proposed sessions by capture time: files are sorted on one local timeline
 * and a new session starts where the gap between consecutive shots exceeds the threshold. Files sharing
 * a base name in the same card folder (RAW+JPEG, sidecars, a Live Photo's HEIC and MOV) are one shot and
 * never split.
 */
public final class SessionGrouper {

    /** A file to group. */
    public record Item(String relativePath, long size, CaptureReading reading) {
    }

    /** Files that belong together, with the time that places them. */
    public record Shot(List<Item> items, LocalDateTime time, boolean fallbackOnly) {
    }

    /** A proposed session: its shots in time order. */
    public record Proposal(List<Shot> shots, LocalDateTime first, LocalDateTime last) {
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

        /** The default name: the date and part of day of the first shot, "2026-11-26 Afternoon". */
        public String defaultName() {
            return SessionGrouper.defaultName(first);
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
                LocalDateTime previous = current.get(current.size() - 1).time();
                if (Duration.between(previous, shot.time()).compareTo(gap) > 0) {
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
        List<Shot> shots = shots(items);
        shots.sort(Comparator.comparing(Shot::time).thenComparing(s -> s.items().get(0).relativePath()));
        return shots;
    }

    private static Proposal proposal(List<Shot> shots) {
        return new Proposal(List.copyOf(shots), shots.get(0).time(), shots.get(shots.size() - 1).time());
    }

    /** Files with one base name in one folder are one shot; its time is the earliest real capture time. */
    private List<Shot> shots(List<Item> items) {
        Map<String, List<Item>> byShot = new LinkedHashMap<>();
        for (Item i : items) {
            byShot.computeIfAbsent(shotKey(i.relativePath()), k -> new ArrayList<>()).add(i);
        }
        List<Shot> out = new ArrayList<>();
        for (List<Item> group : byShot.values()) {
            group.sort(Comparator.comparing((Item i) -> rank(i.relativePath())).thenComparing(Item::relativePath));
            LocalDateTime real = group.stream().filter(i -> !i.reading().time().fallback())
                    .map(i -> i.reading().time().onTimeline(zone)).min(Comparator.naturalOrder()).orElse(null);
            LocalDateTime time = real != null ? real : group.stream().map(i -> i.reading().time().onTimeline(zone))
                    .min(Comparator.naturalOrder()).orElseThrow();
            out.add(new Shot(List.copyOf(group), time, real == null));
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
