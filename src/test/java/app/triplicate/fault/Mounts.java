package app.triplicate.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real small or read-only drives for the fault suite: a tmpfs of a given size, remounted read-only or larger.
 * CI runs as root and can mount; elsewhere {@link #tmpfs} says no and the case falls back to the fault seam
 * (FaultyFileAccess), saying so on standard error.
 */
final class Mounts {
    private Mounts() {
    }

    static boolean tmpfs(Path dir, String size) {
        return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    }

    static boolean remount(Path dir, String options) {
        return run("mount", "-o", "remount," + options, dir.toString());
    }

    static void umount(Path dir) {
        if (!run("umount", dir.toString())) {
            run("umount", "-l", dir.toString());
        }
    }

    private static boolean run(String... cmd) {
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.err.println(String.join(" ", cmd) + " failed: " + out.strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            System.err.println(String.join(" ", cmd) + " failed: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
