package app.triplicate.drives;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which physical device (file store) a folder lives on: two folders on one device are one copy. */
public final class DeviceIds {
    private DeviceIds() {
    }

    public static String of(Path folder) throws IOException {
        try {
            Object dev = Files.getAttribute(folder, "unix:dev");
            return "dev:" + Long.toUnsignedString(((Number) dev).longValue(), 16);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            FileStore store = Files.getFileStore(folder);
            return "store:" + store.name() + "|" + store.type();
        }
    }
}
