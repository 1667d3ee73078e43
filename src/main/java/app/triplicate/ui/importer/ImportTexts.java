package app.triplicate.ui.importer;

import app.triplicate.core.LibraryLayout;
import app.triplicate.ingest.IngestReport;
import app.triplicate.progress.TransferProgress;
import app.triplicate.ui.common.Formats;
import app.triplicate.verify.CardCheckService;

import java.util.ArrayList;
import java.util.List;

/** The words and fractions the import sheet shows for progress, the summary and the verdict: plain functions. */
final class ImportTexts {
    /** How many failures, warnings or missing files are listed before "and N more". */
    static final int LIST_LIMIT = 50;

    private ImportTexts() {
    }

    /** A progress bar's value with its line of text. */
    record Line(double fraction, String text) {
    }

    /** A lane's share of the work done: proven bytes plus bytes it already held, of all bytes. */
    static double laneFraction(TransferProgress.LaneSnapshot lane, long totalFiles, long totalBytes) {
        if (totalBytes <= 0) {
            return totalFiles <= 0 ? 1 : Math.min(1, lane.filesDone() / (double) totalFiles);
        }
        return Math.min(1, (lane.bytesVerified() + lane.bytesSkipped()) / (double) totalBytes);
    }

    private static long laneRemaining(TransferProgress.LaneSnapshot lane, long totalBytes) {
        return Math.max(0, totalBytes - lane.bytesVerified() - lane.bytesSkipped());
    }

    /**
     * The whole import: the mean of the drives' shares (the import ends when the slowest drive has proven
     * every file), the card read, and the time the slowest drive still needs.
     */
    static Line overall(TransferProgress.Snapshot s) {
        double fraction;
        if (s.lanes().isEmpty()) {
            fraction = s.totalFiles() == 0 ? 1 : s.filesRead() / (double) s.totalFiles();
        } else {
            fraction = s.lanes().stream().mapToDouble(l -> laneFraction(l, s.totalFiles(), s.totalBytes()))
                    .average().orElse(0);
        }
        StringBuilder b = new StringBuilder("Read ").append(s.filesRead()).append(" of ")
                .append(Formats.count(s.totalFiles(), "file")).append(" · ")
                .append(Formats.bytes(s.bytesRead() + s.bytesSkipped())).append(" of ")
                .append(Formats.bytes(s.totalBytes()));
        if (s.bytesRead() > 0) {
            b.append(" · ").append(Formats.rate(s.readRate()));
        }
        String left = slowestTimeLeft(s);
        if (!left.isEmpty()) {
            b.append(" · ").append(left);
        }
        return new Line(fraction, b.toString());
    }

    private static String slowestTimeLeft(TransferProgress.Snapshot s) {
        double worst = -1;
        String text = "";
        for (TransferProgress.LaneSnapshot lane : s.lanes()) {
            long remaining = laneRemaining(lane, s.totalBytes());
            if (remaining > 0 && lane.bytesPerSecond() > 0) {
                double seconds = remaining / lane.bytesPerSecond();
                if (seconds > worst) {
                    worst = seconds;
                    text = Formats.timeLeft(remaining, lane.bytesPerSecond());
                }
            }
        }
        return text;
    }

    /** One drive: "12 of 40 files · 412 MB written · 38.2 MB/s · about 2 min left · 1 failed". */
    static Line lane(TransferProgress.LaneSnapshot lane, long totalFiles, long totalBytes) {
        StringBuilder b = new StringBuilder().append(lane.filesDone()).append(" of ")
                .append(Formats.count(totalFiles, "file")).append(" · ")
                .append(Formats.bytes(lane.bytesVerified())).append(" proven");
        if (lane.bytesPerSecond() > 0) {
            b.append(" · ").append(Formats.rate(lane.bytesPerSecond()));
        }
        String left = Formats.timeLeft(laneRemaining(lane, totalBytes), lane.bytesPerSecond());
        if (!left.isEmpty()) {
            b.append(" · ").append(left);
        }
        if (lane.filesFailed() > 0) {
            b.append(" · ").append(lane.filesFailed()).append(" failed");
        }
        return new Line(laneFraction(lane, totalFiles, totalBytes), b.toString());
    }

    /** The status bar's line: "Importing EOS_DIGITAL 45%". */
    static String jobMessage(String cardName, double fraction) {
        return "Importing " + cardName + " " + Math.round(Math.max(0, Math.min(1, fraction)) * 100) + "%";
    }

    /** "Import complete", "Import stopped", "Import finished with problems". */
    static String headline(IngestReport r) {
        if (r.cancelled()) {
            return "Import stopped";
        }
        return r.failed().isEmpty() ? "Import complete" : "Import finished with problems";
    }

    /** "Copied 38 files to Work SSD and Backup A." */
    static String copied(IngestReport r) {
        List<String> labels = r.destinations().stream().map(IngestReport.Destination::label).toList();
        return "Copied " + Formats.count(r.newFiles().size(), "file") + " to " + andList(labels) + ".";
    }

    /** "2 files were already there." or "No file was there before." */
    static String alreadyThere(IngestReport r) {
        int n = r.alreadyThere().size();
        return n == 0 ? "No file was already there." : Formats.count(n, "file") + (n == 1 ? " was" : " were")
                + " already there, proven before.";
    }

    /** "Work SSD: 38 files written, 1.2 GB, 85 MB/s" per drive. */
    static List<String> perDrive(IngestReport r) {
        return r.destinations().stream().map(d -> d.label() + ": " + Formats.count(d.filesWritten(), "file")
                + " written, " + Formats.bytes(d.bytesWritten())
                + (d.bytesWritten() > 0 ? ", " + Formats.rate(d.bytesPerSecond()) : "")).toList();
    }

    /** "IMG_0001.CR2 on Backup A: No space left on device", or "(card)" when the card could not be read. */
    static List<String> failures(IngestReport r) {
        return limit(r.failed().stream().map(f -> f.file() + (f.drive() == null ? " (on the card)" : " on " + f.drive())
                + ": " + f.reason()).toList());
    }

    /** Warnings, files skipped and other files not copied. */
    static List<String> warnings(IngestReport r) {
        List<String> out = new ArrayList<>(r.warnings());
        if (r.otherFiles() > 0) {
            out.add(Formats.count(r.otherFiles(), "other file") + " (not a picture or video) "
                    + (r.otherFiles() == 1 ? "was" : "were") + " copied too, into the session's \""
                    + LibraryLayout.OTHER_FILES + "\" folder");
        }
        r.notCopied().forEach(n -> out.add("not copied: " + n));
        r.skipped().forEach(s -> out.add("skipped " + s));
        return limit(out);
    }

    static String stoppedNote() {
        return "Stopped before the end. Every file already copied is proven and kept; import this card again to "
                + "carry on where it stopped.";
    }

    /** "Safe to format" or "Not safe to format yet". */
    static String verdict(CardCheckService.Verdict v) {
        return v.safe() ? "Safe to format" : "Not safe to format yet";
    }

    /** What the verdict rests on, or what is missing. */
    static String verdictDetail(CardCheckService.Verdict v) {
        String copies = v.required() == 1 ? "1 verified copy" : v.required() + " verified copies";
        if (v.safe()) {
            return (v.otherFiles() == 0 ? "Every picture and video on the card (" + Formats.count(v.mediaFiles(), "file")
                    : "Every file on the card (" + v.mediaFiles() + (v.mediaFiles() == 1 ? " picture or video" : " pictures and videos")
                    + " and " + Formats.count(v.otherFiles(), "other file")) + ") has at least " + copies
                    + " on separate drives.";
        }
        if (v.noPicturesOrVideos()) {
            return "The card holds no pictures or videos, so nothing was imported from it.";
        }
        return Formats.count(v.lacking().size(), "file") + " of " + (v.mediaFiles() + v.otherFiles()) + " still "
                + (v.lacking().size() == 1 ? "lacks" : "lack") + " the " + v.required()
                + " verified copies needed before the card may be formatted:";
    }

    /** "IMG_0001.CR2: 1 of 2 verified copies". */
    static List<String> lacking(CardCheckService.Verdict v) {
        return limit(v.lacking().stream().map(l -> l.path() + ": " + l.reason()).toList());
    }

    static List<String> limit(List<String> lines) {
        if (lines.size() <= LIST_LIMIT) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, LIST_LIMIT));
        out.add("and " + (lines.size() - LIST_LIMIT) + " more");
        return out;
    }

    static String andList(List<String> items) {
        if (items.isEmpty()) {
            return "no drive";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
