package app.triplicate.ui.verify;

import app.triplicate.progress.VerifyProgress;
import app.triplicate.ui.common.Formats;
import app.triplicate.ui.verify.FindingRow.Tone;
import app.triplicate.verify.Finding;
import app.triplicate.verify.Finding.Kind;
import app.triplicate.verify.RepairService;
import app.triplicate.verify.VerifyService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a verification found, ready to show: the findings grouped by kind (problems first), counts per
 * kind for the filter, and a headline in words ("All 1,234 copies on 3 drives are good", "2 problems
 * found"). Plain Java, so the wording is unit-tested.
 *
 * @param drivesChecked the connected drives whose copies were read
 * @param copiesPlanned the copies the check meant to read (more than checked when it was stopped)
 * @param nothingReachable no connected drive (nor the remote) holds copies, so nothing could be checked
 */
public record VerifyResults(List<FindingRow> rows, int drivesChecked, long copiesChecked, long copiesPlanned,
                            boolean cancelled, List<String> warnings, boolean nothingReachable) {

    public VerifyResults {
        rows = rows.stream().sorted(FindingRow.GROUPED).toList();
        warnings = List.copyOf(warnings);
    }

    public VerifyResults(List<FindingRow> rows, int drivesChecked, long copiesChecked, long copiesPlanned,
                         boolean cancelled, List<String> warnings) {
        this(rows, drivesChecked, copiesChecked, copiesPlanned, cancelled, warnings, false);
    }

    public static VerifyResults of(VerifyService.Report report, long copiesPlanned, Instant now) {
        return new VerifyResults(report.findings().stream().map(f -> FindingRow.of(f, now)).toList(),
                report.drives().size(), report.copiesChecked(), Math.max(copiesPlanned, report.copiesChecked()),
                report.cancelled(), report.warnings(), report.nothingReachable());
    }

    /** How many of each kind, in the table's order (kinds not found are left out). */
    public Map<Kind, Long> counts() {
        Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
        rows.forEach(r -> byKind.merge(r.kind(), 1L, Long::sum));
        Map<Kind, Long> out = new LinkedHashMap<>();
        FindingRow.ORDER.stream().filter(byKind::containsKey).forEach(k -> out.put(k, byKind.get(k)));
        return out;
    }

    /** The rows of one kind, or every row for {@code null}. */
    public List<FindingRow> rows(Kind kind) {
        return kind == null ? rows : rows.stream().filter(r -> r.kind() == kind).toList();
    }

    /** Missing, corrupt and unreadable copies. */
    public long problems() {
        return rows.stream().filter(r -> r.kind().isProblem()).count();
    }

    /** Findings the Repair button can fix (missing, corrupt, outdated). */
    public long repairable() {
        return rows.stream().filter(FindingRow::repairable).count();
    }

    /** The drives that went away while they were being checked. */
    public List<String> disconnected() {
        return rows.stream().filter(FindingRow::disconnectedDuringRun).map(FindingRow::drive).toList();
    }

    public Tone tone() {
        if (problems() > 0) {
            return Tone.DANGER;
        }
        return cancelled || drivesChecked == 0 || nothingReachable || !disconnected().isEmpty()
                ? Tone.WARNING : Tone.SUCCESS;
    }

    /** One line that says how it went. */
    public String headline() {
        List<String> massChanged = rows.stream().filter(r -> r.kind() == Kind.MASS_CHANGE).map(FindingRow::drive).toList();
        if (!massChanged.isEmpty()) {
            return "Many copies changed at once on " + String.join(", ", massChanged);
        }
        long problems = problems();
        if (problems > 0) {
            return count(problems, "problem", "problems") + " found";
        }
        List<String> gone = disconnected();
        if (!gone.isEmpty()) {
            return "Not finished: " + String.join(", ", gone) + (gone.size() == 1 ? " was" : " were")
                    + " disconnected during verify";
        }
        if (cancelled) {
            return copiesChecked == 0 ? "Stopped before any copy was checked"
                    : "Stopped: " + (copiesChecked == 1 ? "the 1 copy checked is good"
                    : "the " + number(copiesChecked) + " copies checked are good");
        }
        if (nothingReachable && drivesChecked > 0) {
            return "Nothing could be checked: no drive holding copies is connected";
        }
        if (drivesChecked == 0) {
            return "No drive is connected, so nothing was checked";
        }
        String drives = count(drivesChecked, "drive", "drives");
        if (copiesChecked == 0) {
            return "No copies to check on " + drives;
        }
        return copiesChecked == 1 ? "The 1 copy on " + drives + " is good"
                : "All " + number(copiesChecked) + " copies on " + drives + " are good";
    }

    /** The line under the headline: what went wrong by kind, what was not checked, what is worth knowing. */
    public String detail() {
        List<String> parts = new ArrayList<>();
        Map<Kind, Long> counts = counts();
        long problems = problems();
        if (counts.containsKey(Kind.MASS_CHANGE)) {
            // the finding's own words say the drive and the count; nothing on that drive was treated one by one
            parts.add("this looks like ransomware or a failing drive, and nothing was repaired: find the cause first; "
                    + "Repair asks you to confirm");
        } else if (problems > 0) {
            parts.add(counts.entrySet().stream().filter(e -> e.getKey().isProblem())
                    .map(e -> e.getValue() + " " + FindingRow.title(e.getKey()).toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
            long good = Math.max(0, copiesChecked - problems);
            parts.add(number(good) + " of " + number(copiesChecked) + " copies on "
                    + count(drivesChecked, "drive", "drives") + " are good");
        }
        if (nothingReachable && drivesChecked > 0) {
            parts.add("connect a drive that holds copies and verify again");
        }
        if (cancelled) {
            parts.add("stopped after " + number(copiesChecked) + " of " + number(copiesPlanned) + " copies");
        }
        List<String> gone = disconnected();
        if (!gone.isEmpty()) {
            if (problems == 0) {
                parts.add(copiesChecked == 1 ? "the 1 copy checked is good"
                        : number(copiesChecked) + " copies checked are good");
            }
            parts.add("disconnected during verify: " + String.join(", ", gone) + " (nothing on "
                    + (gone.size() == 1 ? "it" : "them") + " was marked missing; connect "
                    + (gone.size() == 1 ? "it" : "them") + " and verify again)");
        }
        List<String> offline = rows.stream().filter(r -> r.kind() == Kind.NOT_CONNECTED && !r.disconnectedDuringRun())
                .map(FindingRow::drive).toList();
        if (!offline.isEmpty()) {
            parts.add("not connected: " + String.join(", ", offline));
        }
        counts.forEach((kind, n) -> {
            switch (kind) {
                case OUTDATED -> parts.add(count(n, "outdated sidecar", "outdated sidecars"));
                case UNTRACKED -> parts.add(count(n, "untracked file", "untracked files"));
                case MOVED -> parts.add(count(n, "file", "files") + " renamed on the drive (followed)");
                case SIDECAR_CHANGED -> parts.add(count(n, "sidecar", "sidecars") + " edited");
                default -> { }
            }
        });
        parts.addAll(warnings);
        if (parts.isEmpty()) {
            return drivesChecked == 0 ? "Connect a drive and verify again."
                    : "Every copy was read back and matches what was copied.";
        }
        String text = String.join(" · ", parts);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * One drive's line under its progress bar: "12 of 340 copies · 85 MB/s · about 3 min left" while it
     * is read, "340 copies checked · 2.10 GB at 180 MB/s · all good" when done.
     *
     * @param problems the problems found on this drive so far
     */
    public static String driveLine(VerifyProgress.DriveSnapshot d, long problems) {
        String found = problems == 0 ? "all good" : count(problems, "problem", "problems");
        return switch (d.state()) {
            case WAITING -> "Waiting: another drive on the same disk is read first";
            case CHECKING -> {
                List<String> parts = new ArrayList<>();
                parts.add(number(d.copiesChecked()) + " of " + count(d.copiesTotal(), "copy", "copies"));
                if (d.bytesRead() > 0) {
                    parts.add(Formats.rate(d.bytesPerSecond()));
                }
                String left = Formats.timeLeft(d.bytesLeft(), d.bytesPerSecond());
                if (!left.isEmpty()) {
                    parts.add(left);
                }
                if (problems > 0) {
                    parts.add(found);
                }
                yield String.join(" · ", parts);
            }
            case FINISHED -> {
                if (d.copiesTotal() == 0) {
                    yield "no copies to check"; // never "all good" for a drive that held nothing to check
                }
                String checked = d.copiesChecked() < d.copiesTotal()
                        ? "stopped after " + number(d.copiesChecked()) + " of " + count(d.copiesTotal(), "copy", "copies")
                        : count(d.copiesChecked(), "copy", "copies") + " checked";
                // a remote on S3 is checked from the provider's checksums: nothing is read, so no rate to show
                String read = d.bytesRead() == 0 && d.copiesChecked() > 0 ? "by the provider's checksums, nothing downloaded"
                        : Formats.bytes(d.bytesRead()) + " at " + Formats.rate(d.bytesPerSecond());
                yield checked + " · " + read + " · " + found;
            }
        };
    }

    /** "Verifying 2 drives · 37% · about 3 min left" (the slowest drive's time left). */
    public static String runningHeadline(VerifyProgress.Snapshot s) {
        String left = s.drives().stream().filter(d -> d.timeLeft().isPresent())
                .max(java.util.Comparator.comparing(d -> d.timeLeft().get()))
                .map(d -> Formats.timeLeft(d.bytesLeft(), d.bytesPerSecond())).orElse("");
        return "Verifying " + count(s.drives().size(), "drive", "drives") + " · " + Math.round(s.fraction() * 100) + "%"
                + (left.isEmpty() ? "" : " · " + left);
    }

    /** "Verifying 37%" for the status bar. */
    public static String jobMessage(VerifyProgress.Snapshot s) {
        return "Verifying " + Math.round(s.fraction() * 100) + "%";
    }

    /** What a repair did, in one line: "2 copies repaired", "1 copy repaired, 1 could not be". */
    public static String repairHeadline(List<RepairService.Action> actions) {
        // an action without a path is a whole drive that went away during the repair: named, not counted as a copy
        List<String> gone = actions.stream().filter(a -> a.path() == null).map(RepairService.Action::drive).toList();
        if (!gone.isEmpty()) {
            List<RepairService.Action> copies = actions.stream().filter(a -> a.path() != null).toList();
            long repaired = copies.stream().filter(RepairService.Action::ok).count();
            long failed = copies.size() - repaired;
            return (repaired == 0 ? "No copy repaired" : count(repaired, "copy", "copies") + " repaired")
                    + (failed == 0 ? "" : ", " + number(failed) + " could not be") + "; " + String.join(", ", gone)
                    + (gone.size() == 1 ? " was" : " were") + " disconnected during repair";
        }
        long ok = actions.stream().filter(RepairService.Action::ok).count();
        long failed = actions.size() - ok;
        if (actions.isEmpty()) {
            return "Nothing needed repairing on the connected drives";
        }
        if (failed == 0) {
            return count(ok, "copy", "copies") + " repaired";
        }
        if (ok == 0) {
            return failed == 1 ? "The copy could not be repaired" : "None of the " + number(failed) + " copies could be repaired";
        }
        return count(ok, "copy", "copies") + " repaired, " + number(failed) + " could not be";
    }

    public static Tone repairTone(List<RepairService.Action> actions) {
        return actions.stream().allMatch(RepairService.Action::ok) ? Tone.SUCCESS : Tone.DANGER;
    }

    /** "1,234". */
    static String number(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    /** "1 copy", "1,234 copies". */
    static String count(long n, String one, String many) {
        return number(n) + " " + (n == 1 ? one : many);
    }

    /** The findings of a list, grouped, for the live table while a check runs. */
    static List<FindingRow> rowsOf(List<Finding> findings, Instant now) {
        return findings.stream().map(f -> FindingRow.of(f, now)).sorted(FindingRow.GROUPED).toList();
    }
}
