package app.triplicate.drives;

import app.triplicate.core.LibraryLayout;
import app.triplicate.core.Location;

import java.nio.file.Path;

/** A registered drive found connected, at {@code root} (where its marker is now). */
public record ConnectedDrive(Location location, Path root) {

    public Path libraryRoot() {
        return root.resolve(LibraryLayout.ROOT);
    }

    public String label() {
        return location.label();
    }
}
