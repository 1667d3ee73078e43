package app.triplicate.ui.dashboard;

import app.triplicate.catalog.SessionFilesService.CopyEntry;
import app.triplicate.catalog.SessionFilesService.FileEntry;
import app.triplicate.core.CopyPolicy;
import app.triplicate.core.CopyState;
import app.triplicate.core.DriveRole;
import app.triplicate.ui.common.Formats;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One file of the session view: the catalog's figures and the words the table shows, worked out off the
 * JavaFX thread.
 *
 * @param copies      the file's copies, by drive label
 * @param goneFrom    copies known to be gone: recorded missing by the catalog, or found absent just now from a
 *                    connected working drive (the location ids)
 */
record SessionDetailRow(FileEntry file, List<CopyEntry> copies, CopyPolicy policy, Set<UUID> goneFrom) {

    long id() {
        return file.id();
    }

    String name() {
        return file.fileName();
    }

    LocalDateTime capture() {
        return file.capture();
    }

    /** "Tue 18 Feb 2020, 08:56:13", with "(file date)" when the file has no date of its own. */
    String captureText() {
        String t = Formats.captureTime(file.capture());
        return file.fallbackTime() ? t + " (file date)" : t;
    }

    String captureTooltip() {
        if (file.fallbackTime()) {
            return "The file carries no capture date of its own: this is its modification time.";
        }
        String from = "From " + file.captureSource() + ".";
        return file.suspiciousTime() ? from + " The camera's clock looks wrong (before 1980 or in the future)." : from;
    }

    String camera() {
        return file.camera().isKnown() ? file.camera().displayName() : "";
    }

    int copyCount() {
        return file.copyCount();
    }

    String badge() {
        return file.culled() ? "culled" : Formats.copiesBadge(file.copyCount(), policy.targetCopies());
    }

    Formats.Level level() {
        if (file.culled()) {
            return Formats.Level.OK;
        }
        Formats.Level byCount = Formats.copiesLevel(file.copyCount(), policy.targetCopies());
        // enough copies but none offsite is still below the policy
        return byCount == Formats.Level.OK && belowPolicy() ? Formats.Level.WARN : byCount;
    }

    /** "2 verified copies: Vault, Work. Target 2, 1 offsite." */
    String badgeTooltip() {
        if (file.culled()) {
            return "Culled: deleted on purpose, so it no longer counts against your copy policy. "
                    + (verifiedOn().isEmpty() ? "No verified copy is left." : "Its copies on "
                    + String.join(", ", verifiedOn()) + " are kept.");
        }
        return Formats.copiesTooltip(file.copyCount(), policy.targetCopies(), policy.offsiteCopies(), verifiedOn(),
                List.of());
    }

    /** The drives holding a copy that counts (verified, drive in service). */
    List<String> verifiedOn() {
        return copies.stream().filter(CopyEntry::counts).map(CopyEntry::locationLabel).toList();
    }

    boolean culled() {
        return file.culled();
    }

    boolean belowPolicy() {
        return file.belowPolicy(policy);
    }

    /** "1 of 2 copies, no offsite copy", or empty when the file meets the policy. */
    String shortfall() {
        List<String> why = new ArrayList<>();
        if (!file.culled() && file.copyCount() < policy.targetCopies()) {
            why.add(file.copyCount() + " of " + policy.targetCopies() + " copies");
        }
        if (!file.culled() && file.offsiteCount() < policy.offsiteCopies()) {
            why.add(policy.offsiteCopies() == 1 ? "no offsite copy"
                    : file.offsiteCount() + " of " + policy.offsiteCopies() + " offsite copies");
        }
        return String.join(", ", why);
    }

    /** The row's tooltip: why it stands out, or null. */
    String rowTooltip() {
        if (file.culled()) {
            return badgeTooltip();
        }
        if (belowPolicy()) {
            String on = verifiedOn().isEmpty() ? "No verified copy yet." : "Verified on " + String.join(", ", verifiedOn()) + ".";
            return "Below your copy policy: " + shortfall() + ". " + on;
        }
        return null;
    }

    /** The working drives this file is gone from (by label). */
    List<String> goneFromWorking() {
        return copies.stream().filter(c -> c.role() == DriveRole.WORKING && goneFrom.contains(c.locationId()))
                .map(CopyEntry::locationLabel).toList();
    }

    /** Deleted from the working drive and not culled yet: the user may accept it as deleted. */
    boolean acceptableAsDeleted() {
        return !file.culled() && !goneFromWorking().isEmpty();
    }

    /** Short notes: "deleted from Work SSD", "corrupt on Backup A" (a culled file says so in its badge). */
    String notes() {
        List<String> notes = new ArrayList<>();
        for (CopyEntry c : copies) {
            if (c.role() == DriveRole.WORKING && goneFrom.contains(c.locationId()) && !file.culled()) {
                notes.add("deleted from " + c.locationLabel());
            } else if (c.state() != CopyState.VERIFIED && !(file.culled() && c.state() == CopyState.MISSING)) {
                notes.add(SessionDetailWords.state(c.state()) + " on " + c.locationLabel());
            }
        }
        return String.join(", ", notes);
    }

    /** The same file with what is now known to be gone. */
    SessionDetailRow withGone(Set<UUID> gone) {
        return new SessionDetailRow(file, copies, policy, gone);
    }
}
