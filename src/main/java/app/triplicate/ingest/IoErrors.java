package app.triplicate.ingest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns I/O exceptions into short reasons a photographer can act on. */
final class IoErrors {
    private IoErrors() {
    }

    static String describe(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (read-only or protected)";
        }
        if (e instanceof NoSuchFileException n) {
            return "not found: " + n.getFile();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            String reason = fs.getReason();
            if (reason.contains("No space left")) {
                return "the drive is full (No space left on device)";
            }
            if (reason.contains("Read-only file system")) {
                return "the drive is read-only";
            }
            if (reason.contains("File name too long")) {
                return "the drive cannot hold this file name (File name too long)";
            }
            return reason;
        }
        if (e instanceof IOException && e.getMessage() != null) {
            String m = e.getMessage();
            if (m.contains("No space left")) {
                return "the drive is full (No space left on device)";
            }
            return m;
        }
        return e.toString();
    }
}
