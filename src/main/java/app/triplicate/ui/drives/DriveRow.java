package app.triplicate.ui.drives;

import app.triplicate.core.DriveRole;
import app.triplicate.drives.DriveService;
import app.triplicate.ui.common.Formats;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One registered drive as the Drives view shows it: plain values, read off the JavaFX thread, and the
 * words for each column.
 *
 * @param path         where the drive is connected now, or where it was registered when it is not connected
 * @param freeBytes    free space, when connected and readable
 * @param lastVerified when its copies were last verified, null when never
 * @param warning      why the drive needs looking at ("not seen for more than 90 days"), null when it does not
 */
public record DriveRow(UUID id, String label, DriveRole role, boolean offsite, boolean sameDevice, boolean connected,
                       boolean retired, String path, Long freeBytes, Instant lastSeen, Instant lastVerified,
                       String warning) {

    public static DriveRow of(DriveService.DriveState s, Instant lastVerified, Optional<String> staleness) {
        var l = s.location();
        String path = s.connectedAt().map(Object::toString).orElse(l.registeredPath());
        return new DriveRow(l.id(), l.label(), l.role(), l.offsite(), l.sameDevice(), s.connected(), s.retired(), path,
                s.freeBytes().orElse(null), s.lastSeenAt(), lastVerified, staleness.orElse(null));
    }

    /** "Connected", "Not connected" or "Retired". */
    public String stateText() {
        return retired ? "Retired" : connected ? "Connected" : "Not connected";
    }

    public String stateTooltip() {
        if (retired) {
            return "Retired: its copies no longer count towards your copy policy. Nothing on it was deleted.";
        }
        return connected ? "Connected at " + path + "."
                : "Not connected. Triplicate finds it again by its marker wherever it is plugged in, last at " + path + ".";
    }

    /** "1.24 TB", or a dash when not connected. */
    public String freeText() {
        return freeBytes == null ? "—" : Formats.bytes(freeBytes);
    }

    /** "Working", "Backup", "Archive". */
    public String roleText() {
        return roleWord(role);
    }

    public static String roleWord(DriveRole role) {
        String w = role.word();
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    public static String roleExplanation(DriveRole role) {
        return switch (role) {
            case WORKING -> "The drive you work from; every import is copied to it.";
            case BACKUP -> "A backup; every import is copied to it.";
            case ARCHIVE -> "Filled on purpose (repair, restore), not by every import; may sit in a drawer for a year.";
        };
    }

    /** "offsite" or "on site". */
    public String offsiteText() {
        return offsite ? "offsite" : "on site";
    }

    /** "now" while connected, otherwise relative: "12 days ago", "never". */
    public String lastSeenText(Instant now) {
        return connected ? "now" : Formats.relative(lastSeen, now);
    }

    public String lastVerifiedText(Instant now) {
        return Formats.relative(lastVerified, now);
    }

    /** "Not seen for more than 90 days", or empty. */
    public String warningText() {
        return warning == null ? "" : Character.toUpperCase(warning.charAt(0)) + warning.substring(1);
    }

    public String warningTooltip() {
        if (warning == null) {
            return null;
        }
        return warningText() + ". Connect the drive and verify it, so you know its copies are still good; "
                + "retire it if it is gone for good.";
    }
}
