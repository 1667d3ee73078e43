package app.triplicate.drives;

import app.triplicate.catalog.Catalog;
import app.triplicate.catalog.LocationRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.core.DriveRole;
import app.triplicate.core.UsageException;
import app.triplicate.settings.Home;
import app.triplicate.testing.CliHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriveServiceTest {
    @TempDir
    Path tmp;
    Catalog catalog;
    DriveService drives;
    Path mounts;

    @BeforeEach
    void open() throws Exception {
        catalog = Catalog.open(Home.under(tmp.resolve("home")).catalogBase());
        mounts = Files.createDirectories(tmp.resolve("media/ann"));
        drives = new DriveService(new LocationRepository(catalog), new MediaFileRepository(catalog),
                app.triplicate.ledger.Ledger.over(catalog, Clock.systemUTC()), List.of(mounts), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void writesAMarkerWithUuidLabelAndCreationTime() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        var r = drives.add(a, "Backup A", DriveRole.BACKUP, false, false);
        DriveMarker marker = DriveMarker.read(a).orElseThrow();
        assertEquals(r.location().id(), marker.uuid());
        assertEquals("Backup A", marker.label());
        assertTrue(Files.readString(a.resolve(".triplicate/drive.json")).contains("\"created\""));
    }

    @Test
    void findsADriveAgainByItsMarkerWhereverItIsMountedNow() throws Exception {
        Path first = Files.createDirectories(tmp.resolve("old-mount/BACKUP"));
        drives.add(first, "Backup A", DriveRole.BACKUP, false, false);
        Path now = mounts.resolve("BACKUP_A");
        Files.move(first, now);
        DriveService.DriveState state = drives.list().get(0);
        assertTrue(state.connected());
        assertEquals(now, state.connectedAt().orElseThrow());
        assertTrue(state.freeBytes().orElseThrow() > 0);
    }

    @Test
    void aDriveThatIsNotConnectedIsListedAsSuchWithWhenItWasLastSeen() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        drives.add(a, "Drawer", DriveRole.ARCHIVE, true, false);
        drives.list();
        Files.delete(a.resolve(".triplicate/drive.json"));
        DriveService.DriveState state = drives.list().get(0);
        assertFalse(state.connected());
        assertTrue(state.lastSeenAt() != null);
        assertTrue(drives.connected().isEmpty());
    }

    @Test
    void refusesASecondFolderOnTheSameDiskUnlessAsserted() throws Exception {
        drives.add(Files.createDirectories(tmp.resolve("a")), "A", DriveRole.BACKUP, false, false);
        Path b = Files.createDirectories(tmp.resolve("b"));
        UsageException refused = assertThrows(UsageException.class,
                () -> drives.add(b, "B", DriveRole.BACKUP, false, false));
        assertTrue(refused.getMessage().contains("two folders on one disk are one copy"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--same-device"));
        // the window words its own offer from the refusal's parts
        SameDeviceException sameDisk = assertInstanceOf(SameDeviceException.class, refused);
        assertEquals(b.toAbsolutePath().normalize(), sameDisk.folder());
        assertEquals("A", sameDisk.otherDrive());
        assertTrue(DriveMarker.read(b).isEmpty(), "nothing written on a refused folder");
        var accepted = drives.add(b, "B", DriveRole.BACKUP, false, true);
        assertTrue(accepted.location().sameDevice());
    }

    @Test
    void refusesAFolderInsideARegisteredDriveEvenWhenSameDeviceIsAsserted() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        drives.add(a, "A", DriveRole.BACKUP, false, false);
        Path inside = Files.createDirectories(a.resolve("Triplicate/more"));
        for (boolean sameDevice : new boolean[] {false, true}) {
            UsageException refused = assertThrows(UsageException.class,
                    () -> drives.add(inside, "B", DriveRole.BACKUP, false, sameDevice));
            assertFalse(refused instanceof SameDeviceException, "no \"register anyway\" for a nested folder");
            assertTrue(refused.getMessage().contains(inside + " is inside drive \"A\" (" + a.toRealPath() + ")"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("counted twice"), refused.getMessage());
        }
        assertTrue(DriveMarker.read(inside).isEmpty(), "nothing written on a refused folder");
        assertEquals(1, drives.list().size());
    }

    @Test
    void refusesAFolderThatContainsARegisteredDrive() throws Exception {
        Path outer = Files.createDirectories(tmp.resolve("outer"));
        Path a = Files.createDirectories(outer.resolve("photos/a"));
        drives.add(a, "A", DriveRole.BACKUP, false, false);
        UsageException refused = assertThrows(UsageException.class,
                () -> drives.add(outer, "Outer", DriveRole.BACKUP, false, true));
        assertTrue(refused.getMessage().contains(outer + " contains drive \"A\" (" + a.toRealPath() + ")"),
                refused.getMessage());
        assertTrue(DriveMarker.read(outer).isEmpty());
    }

    @Test
    void comparesRealPathsSoALinkIntoADriveIsRefusedButASiblingIsNot() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Files.createDirectories(a.resolve("sub"));
        drives.add(a, "A", DriveRole.BACKUP, false, false);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), a);
        UsageException refused = assertThrows(UsageException.class,
                () -> drives.add(link.resolve("sub"), "B", DriveRole.BACKUP, false, true));
        assertTrue(refused.getMessage().contains("inside drive \"A\""), refused.getMessage());
        // a folder whose name merely starts with the drive's is beside it, not inside it
        Path sibling = Files.createDirectories(tmp.resolve("ab"));
        assertTrue(drives.add(sibling, "AB", DriveRole.BACKUP, false, true).location().sameDevice());
    }

    @Test
    void findsTheDriveAroundAFolderByItsMarkerWhenItIsNotWhereItWasLastSeen() throws Exception {
        Path first = Files.createDirectories(tmp.resolve("a"));
        drives.add(first, "A", DriveRole.BACKUP, false, false);
        // moved where Triplicate does not look: not connected, but its marker is above the new folder
        Path moved = Files.createDirectories(tmp.resolve("elsewhere")).resolve("a");
        Files.move(first, moved);
        assertFalse(drives.list().get(0).connected());
        Path inside = Files.createDirectories(moved.resolve("Triplicate/x"));
        UsageException refused = assertThrows(UsageException.class,
                () -> drives.add(inside, "B", DriveRole.BACKUP, false, true));
        assertTrue(refused.getMessage().contains("inside drive \"A\" (" + moved.toRealPath() + ")"),
                refused.getMessage());
    }

    @Test
    void theCommandLineRefusesANestedDriveWithExit2() throws Exception {
        catalog.close();
        CliHarness cli = new CliHarness(tmp.resolve("home"));
        Path x = cli.addDrive(tmp.resolve("x"), "X");
        Path inside = Files.createDirectories(x.resolve("Triplicate/2026"));
        String err = cli.expect(2, "drive", "add", inside.toString(), "--label", "Y", "--same-device").err();
        assertTrue(err.contains("is inside drive \"X\""), err);
        assertFalse(err.contains("Exception"), err);
        catalog = Catalog.open(Home.under(tmp.resolve("home2")).catalogBase());
    }

    @Test
    void adoptsAMarkerAlreadyOnTheDrive() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        UUID id = UUID.randomUUID();
        new DriveMarker(id, "Old name", java.time.Instant.parse("2024-01-01T00:00:00Z")).writeTo(a);
        var r = drives.add(a, "Backup A", DriveRole.BACKUP, false, false);
        assertTrue(r.adopted());
        assertEquals(id, r.location().id());
        assertEquals("Backup A", DriveMarker.read(a).orElseThrow().label());
    }

    @Test
    void theCommandLineShowsTheSameDeviceAssertionAndUsageErrors() throws Exception {
        catalog.close();
        CliHarness cli = new CliHarness(tmp.resolve("home"));
        cli.addDrive(tmp.resolve("x"), "X");
        cli.addDrive(tmp.resolve("y"), "Y");
        JsonNode list = cli.expect(0, "drive", "list", "--json").json();
        assertEquals(1, list.get("schemaVersion").asInt());
        assertEquals(2, list.get("drives").size());
        assertTrue(list.get("drives").get(1).get("sameDevice").asBoolean());
        assertTrue(list.get("drives").get(0).get("connected").asBoolean());
        assertTrue(cli.expect(0, "drive", "list").out().contains("counted separately by your choice"));
        assertTrue(cli.expect(2, "drive", "add", tmp.resolve("x").toString(), "--label", "X2").err()
                .contains("already registered"));
        assertTrue(cli.expect(2, "drive", "add", tmp.resolve("nope").toString(), "--label", "N").err()
                .contains("not a folder"));
        cli.expect(2, "drive", "add", tmp.resolve("x").toString());
        catalog = Catalog.open(Home.under(tmp.resolve("home2")).catalogBase());
    }
}
