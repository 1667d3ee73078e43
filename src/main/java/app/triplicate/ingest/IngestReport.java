package app.triplicate.ingest;

import java.time.Duration;
import java.util.List;

/**
 * What an ingest did. {@code newFiles} were written to at least one drive; {@code alreadyThere} needed
 * nothing written (every destination already held a verified copy); {@code failed} lists each file and
 * drive that did not get a proven copy, with the reason.
 */
public record IngestReport(String card, String cardFingerprint, List<Destination> destinations,
                           long mediaFiles, long mediaBytes, List<String> newFiles, List<String> alreadyThere,
                           List<Failure> failed, List<String> notMedia, List<String> skipped,
                           List<String> warnings, long bytesRead, Duration elapsed, boolean cancelled) {

    public record Destination(String label, String path, long filesWritten, long bytesWritten,
                              double bytesPerSecond, String verifyMethod) {
    }

    /** @param drive the drive label, or null when the card file itself could not be read */
    public record Failure(String file, String drive, String reason) {
    }

    /** Every media file reached every destination, proven. */
    public boolean complete() {
        return failed.isEmpty() && !cancelled;
    }
}
