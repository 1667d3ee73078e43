package app.triplicate.ui.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Inserted cards noticed by polling the mount roots. */
class VolumeWatcherTest {
    @TempDir
    Path tmp;

    @Test
    void announcesOnlyVolumesWithDcimThatAppearAfterTheFirstLook() throws Exception {
        Path media = Files.createDirectories(tmp.resolve("media/me"));
        Path volumes = Files.createDirectories(tmp.resolve("Volumes"));
        Files.createDirectories(media.resolve("OLD_CARD/DCIM"));
        VolumeWatcher watcher = new VolumeWatcher(List.of(media, volumes, tmp.resolve("absent")));

        assertEquals(List.of(), watcher.poll(), "a card mounted before Triplicate started is not announced");
        assertEquals(1, watcher.polls());

        Files.createDirectories(volumes.resolve("EOS_DIGITAL/DCIM/100CANON"));
        Files.createDirectories(media.resolve("USB_STICK/Documents"));
        assertEquals(List.of(volumes.resolve("EOS_DIGITAL")), watcher.poll());
        assertEquals(List.of(), watcher.poll(), "announced once");

        Files.createDirectories(media.resolve("USB_STICK/DCIM")); // the mount finished, or a camera wrote DCIM
        assertEquals(List.of(media.resolve("USB_STICK")), watcher.poll());

        Files.delete(volumes.resolve("EOS_DIGITAL/DCIM/100CANON"));
        Files.delete(volumes.resolve("EOS_DIGITAL/DCIM"));
        Files.delete(volumes.resolve("EOS_DIGITAL"));
        assertEquals(List.of(), watcher.poll());
        Files.createDirectories(volumes.resolve("EOS_DIGITAL/DCIM"));
        assertEquals(List.of(volumes.resolve("EOS_DIGITAL")), watcher.poll(), "ejected and inserted again");
    }
}
