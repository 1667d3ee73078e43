package app.triplicate.drives;

import app.triplicate.core.LibraryLayout;
import app.triplicate.core.Location;

import java.nio.file.Files;
import java.nio.file.Path;

/** A registered drive found connected, at {@code root} (where its marker is now). */
public record ConnectedDrive(Location location, Path root) {

    public Path libraryRoot() {
        return root.resolve(LibraryLayout.ROOT);
    }

    public String label() {
        return location.label();
    }

    /**
     * Whether the drive is still where it was found: its marker is readable there and names this drive. A drive
     * unplugged (or unmounted) mid-run fails this; a new drive with no library yet passes it.
     */
    public boolean isPresent() {
        return DriveMarker.read(root).map(m -> m.uuid().equals(location.id())).orElse(false);
    }

    /**
     * Whether the drive is provably present with its library: the marker, and the library folder there. Only then
     * may a copy found absent be called missing; a file that cannot be found on a drive that went away is not lost.
     */
    public boolean libraryPresent() {
        return isPresent() && Files.isDirectory(libraryRoot());
    }
}
