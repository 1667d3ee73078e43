package app.triplicate.ui.dashboard;

import app.triplicate.catalog.StatusService.LocationCopies;
import app.triplicate.catalog.StatusService.SessionStatus;
import app.triplicate.core.CopyPolicy;
import app.triplicate.ui.common.Formats;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of the sessions table, worked out once off the JavaFX thread from the catalog's figures:
 * plain data and the words the table shows.
 *
 * @param offsite      what the Offsite column shows: none / offsite drive / uploading n% / offsite verified; while an
 *                     upload runs, its live figure ({@link #uploading})
 * @param offsiteTooltip the offsite state in a sentence
 * @param catalogOffsite the offsite state as the catalog had it when the row was read (no upload figure)
 * @param remoteLabel  the remote's name, when some of the session is verified there; else null
 * @param reasons      what falls short of the policy, in words; empty when the session meets it
 */
public record SessionRow(String id, String name, String folder, LocalDateTime first, LocalDateTime last,
                         String dateRange, String cameras, long files, long bytes, int copies, int target,
                         Formats.Level level, String badge, String badgeTooltip, String offsite,
                         Instant lastVerified, String lastVerifiedText, boolean needsAttention, List<String> reasons,
                         long fallbackFiles, String offsiteTooltip, String catalogOffsite, String remoteLabel) {

    public static SessionRow of(SessionStatus s, CopyPolicy policy, Instant now) {
        List<String> complete = new ArrayList<>();
        List<String> partial = new ArrayList<>();
        for (LocationCopies l : s.locations()) {
            if (s.files() > 0 && l.verifiedFiles() >= s.files()) {
                complete.add(l.label());
            } else if (l.verifiedFiles() > 0) {
                partial.add(l.label() + " (" + l.verifiedFiles() + " of " + s.files() + " files)");
            }
        }
        int copies = s.copyCount();
        String tooltip = Formats.copiesTooltip(copies, policy.targetCopies(), policy.offsiteCopies(), complete, partial);
        if (!s.standing().reasons().isEmpty()) {
            tooltip += "\nNeeds attention: " + String.join("; ", s.standing().reasons()) + ".";
        }
        return new SessionRow(s.id(), s.name(), s.folder(), s.firstCapture(), s.lastCapture(),
                Formats.dateRange(s.firstWallClock(), s.lastWallClock()), String.join(", ", s.cameras()), s.files(),
                s.bytes(), copies, policy.targetCopies(), Formats.copiesLevel(copies, policy.targetCopies()),
                Formats.copiesBadge(copies, policy.targetCopies()), tooltip, s.offsiteState(), s.oldestVerified(),
                Formats.relative(s.oldestVerified(), now), !s.standing().meetsPolicy(), s.standing().reasons(),
                s.fallbackFiles(), offsiteTooltip(s.offsiteState(), s.remote() == null ? null : s.remote().label(), null),
                s.offsiteState(), s.remote() == null ? null : s.remote().label());
    }

    /**
     * This row while an upload sends its files: "uploading n%" (n from {@link Formats#uploadPercent}), unless
     * the session is already offsite verified, or safe offsite on a drive (which stays what the column says;
     * its tooltip tells of the upload). {@code percent} null: the row as the catalog had it.
     */
    public SessionRow uploading(Integer percent) {
        String shown = catalogOffsite;
        if (percent != null && !"offsite verified".equals(catalogOffsite) && !"offsite drive".equals(catalogOffsite)) {
            shown = "uploading " + percent + "%";
        }
        String tip = offsiteTooltip(catalogOffsite, remoteLabel, percent);
        if (shown.equals(offsite) && tip.equals(offsiteTooltip)) {
            return this;
        }
        return new SessionRow(id, name, folder, first, last, dateRange, cameras, files, bytes, copies, target, level,
                badge, badgeTooltip, shown, lastVerified, lastVerifiedText, needsAttention, reasons, fallbackFiles, tip,
                catalogOffsite, remoteLabel);
    }

    /**
     * The offsite state in a sentence.
     *
     * @param state      the catalog's: none / offsite drive / uploading n% / offsite verified
     * @param remote     the remote's name, when part of the session is verified there
     * @param uploadingNow with an upload sending this session's files now: how much is on the remote, else null
     */
    public static String offsiteTooltip(String state, String remote, Integer uploadingNow) {
        String where = remote == null ? "the remote" : remote;
        String base;
        if ("offsite verified".equals(state)) {
            base = "Every file has a verified copy on " + where + ", checked after it was uploaded.";
        } else if ("offsite drive".equals(state)) {
            base = "Every file has a verified copy on a drive kept offsite.";
        } else if (state != null && state.startsWith("uploading ")) {
            base = state.substring("uploading ".length()) + " of this session (by size) has a verified copy on "
                    + where + "; the rest goes with the next upload.";
        } else {
            base = "No verified copy away from here yet: set a remote in Settings, or keep a drive offsite.";
        }
        if (uploadingNow != null && !"offsite verified".equals(state)) {
            return "Uploading to " + where + " now: " + uploadingNow + "% of this session is there. " + base;
        }
        return base;
    }

    /** The search field matches names, cameras and the folder, ignoring case. */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        return name.toLowerCase(Locale.ROOT).contains(q) || cameras.toLowerCase(Locale.ROOT).contains(q)
                || folder.toLowerCase(Locale.ROOT).contains(q);
    }
}
