package app.triplicate.ui.importer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Notices memory cards being inserted, by plain polling: each {@link #poll} lists the folders directly under
 * the mount roots (/media/USER, /run/media/USER, /Volumes ...) and reports those holding a {@code DCIM} folder
 * that were not there at the previous poll. The first poll only learns what is already mounted, so cards
 * inserted before Triplicate started are not announced. Plain Java, called off the JavaFX thread.
 */
final class VolumeWatcher {
    private final List<Path> roots;
    private Set<Path> known;
    private int polls;

    VolumeWatcher(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The cards that appeared since the previous poll, in name order (none on the first poll). */
    synchronized List<Path> poll() {
        Set<Path> now = cards();
        List<Path> fresh = new ArrayList<>();
        if (known != null) {
            now.stream().filter(p -> !known.contains(p)).sorted().forEach(fresh::add);
        }
        known = now;
        polls++;
        return fresh;
    }

    /** How many polls have run (the first one sets the baseline). */
    synchronized int polls() {
        return polls;
    }

    private Set<Path> cards() {
        Set<Path> out = new HashSet<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (DirectoryStream<Path> volumes = Files.newDirectoryStream(root, Files::isDirectory)) {
                for (Path volume : volumes) {
                    if (Files.isDirectory(volume.resolve("DCIM")) || Files.isDirectory(volume.resolve("dcim"))) {
                        out.add(volume.toAbsolutePath().normalize());
                    }
                }
            } catch (IOException | SecurityException e) {
                // a mount root we cannot list holds no card we could import
            }
        }
        return out;
    }
}
