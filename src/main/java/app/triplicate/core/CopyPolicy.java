package app.triplicate.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The target the user sets: how many verified copies every file should have, how many of them offsite,
 * and how many before a card is safe to format (default 3, 1, 2: the 3-2-1 rule).
 */
public record CopyPolicy(int targetCopies, int offsiteCopies, int copiesBeforeFormat) {

    public static final CopyPolicy DEFAULT = new CopyPolicy(3, 1, 2);

    /** How many of a session's files have a given number of copies (of which offsite). */
    public record Bucket(int copies, int offsite, long files) {
    }

    /** A session's standing against the policy. */
    public record Standing(int copyCount, int offsiteCount, boolean meetsPolicy, List<String> reasons) {
    }

    /** The session's copy count is the smallest among its files; the reasons say what falls short. */
    public Standing standing(List<Bucket> buckets) {
        long total = buckets.stream().mapToLong(Bucket::files).sum();
        if (total == 0) {
            return new Standing(0, 0, true, List.of());
        }
        int min = buckets.stream().filter(b -> b.files() > 0).mapToInt(Bucket::copies).min().orElse(0);
        int minOffsite = buckets.stream().filter(b -> b.files() > 0).mapToInt(Bucket::offsite).min().orElse(0);
        List<String> reasons = new ArrayList<>();
        if (min < targetCopies) {
            long atMin = buckets.stream().filter(b -> b.copies() == min).mapToLong(Bucket::files).sum();
            reasons.add(atMin == total ? min + " of " + targetCopies + " copies"
                    : atMin + " " + (atMin == 1 ? "file has " : "files have ") + min + (min == 1 ? " copy" : " copies"));
        }
        if (minOffsite < offsiteCopies) {
            long short_ = buckets.stream().filter(b -> b.offsite() < offsiteCopies).mapToLong(Bucket::files).sum();
            reasons.add(short_ == total ? (offsiteCopies == 1 ? "no offsite copy" : "fewer than " + offsiteCopies + " offsite copies")
                    : short_ + (short_ == 1 ? " file has" : " files have") + " no offsite copy");
        }
        return new Standing(min, minOffsite, reasons.isEmpty(), List.copyOf(reasons));
    }
}
