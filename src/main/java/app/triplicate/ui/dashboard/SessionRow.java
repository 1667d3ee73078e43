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
 * @param offsite      none / offsite drive (the remote adds uploading n% and offsite verified)
 * @param reasons      what falls short of the policy, in words; empty when the session meets it
 */
public record SessionRow(String id, String name, String folder, LocalDateTime first, LocalDateTime last,
                         String dateRange, String cameras, long files, long bytes, int copies, int target,
                         Formats.Level level, String badge, String badgeTooltip, String offsite,
                         Instant lastVerified, String lastVerifiedText, boolean needsAttention, List<String> reasons,
                         long fallbackFiles) {

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
                Formats.dateRange(s.firstCapture(), s.lastCapture()), String.join(", ", s.cameras()), s.files(),
                s.bytes(), copies, policy.targetCopies(), Formats.copiesLevel(copies, policy.targetCopies()),
                Formats.copiesBadge(copies, policy.targetCopies()), tooltip, s.offsiteState(), s.oldestVerified(),
                Formats.relative(s.oldestVerified(), now), !s.standing().meetsPolicy(), s.standing().reasons(),
                s.fallbackFiles());
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
