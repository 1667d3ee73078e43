package app.triplicate.ui.verify;

import app.triplicate.ui.common.Formats;
import app.triplicate.verify.Finding;
import app.triplicate.verify.Finding.Kind;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One finding of a verification as the results table shows it: what it is in a word ("Corrupt"), the
 * drive, the library path, and what it means in a sentence ("the bytes no longer match what was copied").
 * The service's own (technical) detail stays available for the tooltip.
 *
 * @param words what the finding means, in lower case, to follow "Corrupt: "
 * @param technical the verifier's detail as it reported it (hashes, exception text)
 */
public record FindingRow(Kind kind, String drive, String path, String words, String technical) {

    /** Problems first, then what needs a look, then what is only worth knowing. */
    static final List<Kind> ORDER = List.of(Kind.MASS_CHANGE, Kind.CORRUPT, Kind.MISSING, Kind.UNREADABLE, Kind.OUTDATED,
            Kind.NOT_CONNECTED, Kind.UNTRACKED, Kind.MOVED, Kind.SIDECAR_CHANGED);

    static final Comparator<FindingRow> GROUPED = Comparator.<FindingRow>comparingInt(r -> ORDER.indexOf(r.kind()))
            .thenComparing(FindingRow::drive, Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER))
            .thenComparing(r -> r.path() == null ? "" : r.path());

    /** How a kind of finding should look: a problem, something to look at, or a note. */
    public enum Tone { SUCCESS, WARNING, DANGER, NOTE }

    public static FindingRow of(Finding f, Instant now) {
        return new FindingRow(f.kind(), f.drive(), f.path(), words(f, now), f.detail() == null ? "" : f.detail());
    }

    /** The drive went away while it was being checked ({@link Finding#disconnectedDuringRun()}). */
    public boolean disconnectedDuringRun() {
        return kind == Kind.NOT_CONNECTED && technical.startsWith(Finding.DISCONNECTED_DURING_VERIFY);
    }

    /** "Corrupt", "Sidecar changed", "Not connected". */
    public static String title(Kind kind) {
        return switch (kind) {
            case MISSING -> "Missing";
            case CORRUPT -> "Corrupt";
            case UNREADABLE -> "Unreadable";
            case UNTRACKED -> "Untracked";
            case NOT_CONNECTED -> "Not connected";
            case MOVED -> "Moved";
            case SIDECAR_CHANGED -> "Sidecar changed";
            case OUTDATED -> "Outdated";
            case MASS_CHANGE -> "Many copies changed at once";
        };
    }

    /** "Corrupt: the bytes no longer match what was copied". */
    public String sentence() {
        if (kind == Kind.MASS_CHANGE) {
            return words; // names the drive and the count in a sentence of its own
        }
        return (disconnectedDuringRun() ? "Disconnected during verify" : title(kind)) + ": " + words;
    }

    public String title() {
        return title(kind);
    }

    /** The words with a capital letter, for the Detail column. */
    public String detail() {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Repair copies a good version over it (missing, corrupt and outdated copies). */
    public boolean repairable() {
        return repairable(kind);
    }

    static boolean repairable(Kind kind) {
        // a mass change is repaired only after the user confirms it (the repair button asks)
        return kind == Kind.MISSING || kind == Kind.CORRUPT || kind == Kind.OUTDATED || kind == Kind.MASS_CHANGE;
    }

    public Tone tone() {
        return tone(kind);
    }

    static Tone tone(Kind kind) {
        if (kind.isProblem()) {
            return Tone.DANGER;
        }
        return kind == Kind.OUTDATED || kind == Kind.NOT_CONNECTED ? Tone.WARNING : Tone.NOTE;
    }

    /** "the bytes no longer match what was copied"; the verifier's detail where it says something more. */
    static String words(Finding f, Instant now) {
        String detail = f.detail() == null ? "" : f.detail();
        return switch (f.kind()) {
            case MISSING -> "the copy is not on the drive any more; repair copies it again from a good copy";
            case CORRUPT -> "the bytes no longer match what was copied; repair sets this file aside and copies a good one";
            case UNREADABLE -> "the drive reported an error reading it (" + reason(detail) + ")";
            case UNTRACKED -> "a file in the library folder that Triplicate did not copy there";
            case NOT_CONNECTED -> f.disconnectedDuringRun()
                    ? detail.substring(Finding.DISCONNECTED_DURING_VERIFY.length()).replaceFirst("^:\\s*", "")
                    : "its copies were not checked; last verified " + Formats.relative(f.lastVerified(), now);
            case MOVED -> movedTo(detail)
                    .map(to -> "renamed on the drive; found at " + to + ", and the catalog now points there")
                    .orElse("renamed on the drive; the catalog now points to where it was found");
            case SIDECAR_CHANGED -> "edited since it was copied (an edit, not damage); this version is now the current one";
            case OUTDATED -> "holds an earlier version of an edited sidecar; repair brings it up to date";
            // the same words as the command line's: they name the drive and the count
            case MASS_CHANGE -> detail;
        };
    }

    /** An exception's message without its class name: "Input/output error". */
    static String reason(String detail) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([\\w.$]+(?:Exception|Error))(?::\\s*(.*))?$",
                java.util.regex.Pattern.DOTALL).matcher(detail.trim());
        if (!m.matches()) {
            return detail.isBlank() ? "no reason given" : detail.trim();
        }
        String message = m.group(2) == null ? "" : m.group(2).trim();
        return message.isEmpty() ? m.group(1).replaceFirst("^.*\\.", "") : message;
    }

    private static java.util.Optional<String> movedTo(String detail) {
        if (!detail.startsWith("found at ")) {
            return java.util.Optional.empty();
        }
        String rest = detail.substring("found at ".length());
        int end = rest.indexOf(" (renamed");
        return java.util.Optional.of(end < 0 ? rest : rest.substring(0, end));
    }
}
