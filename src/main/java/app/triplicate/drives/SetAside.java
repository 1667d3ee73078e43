package app.triplicate.drives;

import app.triplicate.core.Xxh128;
import app.triplicate.files.AtomicCopier;
import app.triplicate.files.FileAccess;
import app.triplicate.files.SmallFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Moves a library file that does not match its hash out of the way, never deleting it: a corrupt copy into the
 * drive's {@code .triplicate/quarantine/<stamp>/}, an earlier version of an edited sidecar into
 * {@code .triplicate/versions/<stamp>/}, each beside a note saying what it was and why it was moved. Repair and
 * ingest (replacing a proven-corrupt copy from the card) both set files aside this way.
 */
public final class SetAside {
    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

    private SetAside() {
    }

    /** The folder name, in UTC, that one run sets its files aside under. */
    public static String stamp(Instant t) {
        return STAMP.format(t);
    }

    /**
     * @param actual   the hash the file was just read to have
     * @param expected the hash its copy should have
     * @param by       what moved it ("repair", "ingest from the card")
     */
    public static void move(FileAccess files, ConnectedDrive drive, String libraryPath, Path file, Xxh128 expected,
                            Xxh128 actual, String stamp, boolean earlierVersion, Instant now, String by)
            throws IOException {
        Path root = drive.root().resolve(earlierVersion ? ".triplicate/versions" : ".triplicate/quarantine").resolve(stamp);
        files.createDirectories(drive.root(), root.resolve(libraryPath).getParent());
        // never over an earlier file set aside under the same name in the same second
        Path into = AtomicCopier.moveToFreeName(files, file, root.resolve(libraryPath));
        SmallFile.write(into.resolveSibling(into.getFileName() + ".why.txt"),
                ("Moved here by Triplicate " + by + " at " + now + ".\n"
                        + "It was " + drive.label() + ":" + libraryPath + (earlierVersion
                        ? ", an earlier version (XXH128 " + actual + ") of a sidecar edited since; the current"
                        + " version has XXH128 " + expected + ".\n"
                        : ", whose content should have XXH128 " + expected + " but had " + actual + ".\n")
                        + "A verified copy was written in its place. This file was kept, not deleted.\n")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
