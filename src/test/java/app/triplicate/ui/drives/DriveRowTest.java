package app.triplicate.ui.drives;

import app.triplicate.core.DriveRole;
import app.triplicate.core.Location;
import app.triplicate.drives.DriveService.DriveState;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriveRowTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static Location location(String label, DriveRole role, boolean offsite) {
        return new Location(UUID.randomUUID(), label, role, offsite, "/media/ann/" + label, "dev:801", false,
                NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(12)));
    }

    @Test
    void aConnectedDriveShowsWhereItIsAndItsFreeSpace() {
        DriveState s = new DriveState(location("Studio", DriveRole.WORKING, false), Optional.of(Path.of("/mnt/studio")),
                Optional.of(1_240_000_000_000L), NOW, false);
        DriveRow row = DriveRow.of(s, NOW.minus(Duration.ofDays(3)), Optional.empty());
        assertEquals("Connected", row.stateText());
        assertEquals("/mnt/studio", row.path());
        assertEquals("1.24 TB", row.freeText());
        assertEquals("now", row.lastSeenText(NOW));
        assertEquals("3 days ago", row.lastVerifiedText(NOW));
        assertEquals("Working", row.roleText());
        assertEquals("on site", row.offsiteText());
        assertEquals("", row.warningText());
        assertNull(row.warningTooltip());
    }

    @Test
    void aDisconnectedDriveShowsWhenItWasLastSeenAndWhyItIsStale() {
        DriveState s = new DriveState(location("Vault", DriveRole.ARCHIVE, true), Optional.empty(), Optional.empty(),
                NOW.minus(Duration.ofDays(12)), false);
        DriveRow row = DriveRow.of(s, null, Optional.of("not seen for more than 365 days"));
        assertEquals("Not connected", row.stateText());
        assertEquals("/media/ann/Vault", row.path(), "where it was registered");
        assertEquals("—", row.freeText());
        assertEquals("12 days ago", row.lastSeenText(NOW));
        assertEquals("never", row.lastVerifiedText(NOW));
        assertEquals("offsite", row.offsiteText());
        assertEquals("Not seen for more than 365 days", row.warningText());
        assertTrue(row.warningTooltip().contains("Connect the drive and verify it"));
        assertTrue(row.stateTooltip().contains("last at /media/ann/Vault"));
    }

    @Test
    void aRetiredDriveSaysItsCopiesNoLongerCount() {
        DriveState s = new DriveState(location("Old", DriveRole.BACKUP, false), Optional.empty(), Optional.empty(),
                NOW, true);
        DriveRow row = DriveRow.of(s, null, Optional.empty());
        assertEquals("Retired", row.stateText());
        assertTrue(row.stateTooltip().contains("no longer count"));
        assertTrue(row.stateTooltip().contains("Nothing on it was deleted"));
    }
}
