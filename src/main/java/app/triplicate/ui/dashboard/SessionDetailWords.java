package app.triplicate.ui.dashboard;

import app.triplicate.catalog.SessionFilesService.CopyEntry;
import app.triplicate.core.CopyState;
import app.triplicate.ui.common.Formats;
import app.triplicate.verify.CullService;
import app.triplicate.verify.RestoreService;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The words of the session view that take more than a line: plain functions, tested with the view. */
final class SessionDetailWords {
    /** Lines of a report listed in the view; the rest are counted. */
    static final int LISTED = 6;

    private SessionDetailWords() {
    }

    static String state(CopyState state) {
        return switch (state) {
            case VERIFIED -> "verified";
            case UNVERIFIED -> "not yet verified";
            case MISSING -> "missing";
            case CORRUPT -> "corrupt";
            case OUTDATED -> "outdated";
        };
    }

    /** The state column: the catalog's state, unless the copy was just found gone from its drive. */
    static String state(CopyEntry c, boolean foundGone) {
        if (foundGone && c.state() != CopyState.MISSING) {
            return "missing (deleted from the drive)";
        }
        if (c.retired()) {
            return state(c.state()) + " (drive retired)";
        }
        return state(c.state());
    }

    static String stateTooltip(CopyEntry c, boolean foundGone) {
        if (foundGone && c.state() != CopyState.MISSING) {
            return "The catalog last proved this copy on " + c.locationLabel() + ", but the file is no longer on the "
                    + "drive. If you deleted it on purpose, use Accept as deleted.";
        }
        if (remote(c)) {
            return remoteStateTooltip(c);
        }
        String base = switch (c.state()) {
            case VERIFIED -> "Read back from the drive and matched the hash recorded at import"
                    + (c.method() == null ? "." : " (" + c.method().word() + ").");
            case UNVERIFIED -> "Written, not yet proven: it does not count until it is verified.";
            case MISSING -> "Not found on the drive at the last check. Repair can copy it back from a good copy.";
            case CORRUPT -> "Its bytes no longer match the hash recorded at import. Repair replaces it with a good copy.";
            case OUTDATED -> "Holds an earlier version of this sidecar. Repair brings it up to date.";
        };
        return c.retired() ? base + " The drive is retired, so this copy no longer counts." : base;
    }

    /**
     * The copy is on the offsite remote (SFTP or S3), not on a drive: it was proven by one of the remote's
     * methods, or it is on the catalog's remote location ("Remote sftp://...", a backup kept offsite).
     */
    static boolean remote(CopyEntry c) {
        if (c.method() != null) {
            return switch (c.method()) {
                case READ_BACK, PROVIDER_CHECKSUM, PROVIDER_COMPOSITE_CHECKSUM -> true;
                default -> false;
            };
        }
        return c.offsite() && c.locationLabel().startsWith("Remote ") && c.locationLabel().contains("://");
    }

    static String remoteStateTooltip(CopyEntry c) {
        String base = switch (c.state()) {
            case VERIFIED -> "Checked on the remote: " + (c.method() == null ? "it matched what was uploaded."
                    : switch (c.method()) {
                        case PROVIDER_CHECKSUM -> "the provider's SHA-256 of the object matched the one sent with the "
                                + "upload, without downloading it (provider-checksum).";
                        case PROVIDER_COMPOSITE_CHECKSUM -> "the provider's checksum of the uploaded parts matched the "
                                + "ones sent with them (provider-composite-checksum).";
                        default -> "read back over the network and matched the hash recorded at import ("
                                + c.method().word() + ").";
                    });
            case UNVERIFIED -> "Uploaded, not yet proven: it does not count until it is checked on the remote.";
            case MISSING -> "Not found on the remote at the last check. The next upload sends it again.";
            case CORRUPT -> "The remote's copy no longer matches. The next upload sends a good copy under another "
                    + "name; Triplicate never overwrites there.";
            case OUTDATED -> "Holds an earlier version of this sidecar. The next upload sends the current one.";
        };
        return c.retired() ? base + " This remote was replaced in Settings, so this copy no longer counts." : base;
    }

    /** "Vault (offsite)", "Old disk (retired)", "Remote sftp://... (remote, offsite)". */
    static String location(CopyEntry c) {
        List<String> flags = new ArrayList<>();
        flags.add(remote(c) ? "remote" : c.role().word());
        if (c.offsite()) {
            flags.add("offsite");
        }
        if (c.retired()) {
            flags.add("retired");
        }
        return c.locationLabel() + " (" + String.join(", ", flags) + ")";
    }

    /** The confirmation before culling, worded after what {@link CullService#cull} does. */
    static String cullConfirmation(List<SessionDetailRow> rows) {
        Set<String> working = new LinkedHashSet<>();
        rows.forEach(r -> working.addAll(r.goneFromWorking()));
        String drives = String.join(", ", working);
        StringBuilder b = new StringBuilder();
        boolean one = rows.size() == 1;
        b.append(one ? rows.get(0).name() + " is" : rows.size() + " files are").append(" no longer on ").append(drives)
                .append(working.size() == 1 ? ", your working drive.\n\n" : ", your working drives.\n\n");
        b.append("Accepted as deleted (culled), ").append(one ? "it" : "they")
                .append(" will no longer count against your copy policy, and Repair will not copy ")
                .append(one ? "it" : "them").append(" back. Triplicate deletes nothing: copies on other drives are kept, ")
                .append("and ").append(one ? "the file stays" : "the files stay").append(" listed here as culled.");
        List<String> lines = new ArrayList<>();
        for (SessionDetailRow r : rows) {
            List<String> kept = r.verifiedOn().stream().filter(l -> !r.goneFromWorking().contains(l)).toList();
            lines.add("• " + r.name() + ": " + (kept.isEmpty()
                    ? "no other verified copy: once accepted, this picture is gone for good"
                    : "kept on " + String.join(", ", kept)));
        }
        b.append("\n\n").append(String.join("\n", first(lines)));
        if (lines.size() > LISTED) {
            b.append("\n…and ").append(Formats.count(lines.size() - LISTED, "more file"));
        }
        return b.toString();
    }

    /** What the cull did, in a line or two. */
    static String cullResult(CullService.Report report) {
        long culled = report.count(CullService.Outcome.CULLED);
        StringBuilder b = new StringBuilder(Formats.count(culled, "file")).append(culled == 1 ? " was" : " were")
                .append(" accepted as deleted: no longer counted against your copy policy.");
        List<String> others = new ArrayList<>();
        for (CullService.Item i : report.items()) {
            if (i.outcome() != CullService.Outcome.CULLED) {
                String name = i.path() == null ? i.input() : i.path().substring(i.path().lastIndexOf('/') + 1);
                others.add(name + ": " + switch (i.outcome()) {
                    case ALREADY_CULLED -> "was already culled";
                    case RENAMED -> "renamed on the drive, not deleted";
                    default -> "not culled" + (i.detail() == null ? "" : " (" + i.detail() + ")");
                });
            }
        }
        if (!others.isEmpty()) {
            b.append(' ').append(String.join("; ", others)).append('.');
        }
        report.warnings().forEach(w -> b.append(' ').append(w).append('.')); // a manifest not written, by drive
        return b.toString();
    }

    /** "Restored 4 files to /x" or "Restored 3 of 4 files to /x". */
    static String restoreTitle(RestoreService.Report r) {
        int total = r.restored().size() + r.missing().size();
        return r.ok() ? "Restored " + Formats.count(total, "file") + " to " + r.to()
                : "Restored " + r.restored().size() + " of " + Formats.count(total, "file") + " to " + r.to();
    }

    /** The files not restored with their reasons, and what was skipped. */
    static String restoreDetails(RestoreService.Report r) {
        List<String> lines = new ArrayList<>();
        for (RestoreService.Missing m : first(r.missing())) {
            lines.add(m.path().substring(m.path().lastIndexOf('/') + 1) + ": " + m.reason());
        }
        if (r.missing().size() > LISTED) {
            lines.add("…and " + Formats.count(r.missing().size() - LISTED, "more file") + " not restored.");
        }
        long renamed = r.restored().stream().filter(x -> !x.path().endsWith("/" + x.restoredAs())).count();
        if (renamed > 0) {
            lines.add(Formats.count(renamed, "file") + " got a new name (-2, -3...) because the folder already held "
                    + "another file of that name; nothing was overwritten.");
        }
        if (r.culledSkipped() > 0) {
            lines.add(Formats.count(r.culledSkipped(), "culled file") + " not restored (deleted on purpose).");
        }
        if (lines.isEmpty()) {
            lines.add("Every file was read back from the folder and matched its recorded hash.");
        }
        return String.join("\n", lines);
    }

    private static <T> List<T> first(List<T> list) {
        return list.size() <= LISTED ? list : list.subList(0, LISTED);
    }
}
