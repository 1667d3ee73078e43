package app.triplicate.drives;

import app.triplicate.core.UsageException;

import java.nio.file.Path;

/**
 * A folder was not registered because it is on the same disk as a registered drive: two folders on one
 * disk are one copy. A front door may offer to register it anyway ({@code sameDevice}), with that warning.
 */
public final class SameDeviceException extends UsageException {
    private final transient Path folder;
    private final String otherDrive;

    public SameDeviceException(Path folder, String otherDrive, String message) {
        super(message);
        this.folder = folder;
        this.otherDrive = otherDrive;
    }

    /** The folder that was refused. */
    public Path folder() {
        return folder;
    }

    /** The label of the registered drive on the same disk. */
    public String otherDrive() {
        return otherDrive;
    }
}
