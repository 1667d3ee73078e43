package app.triplicate.ingest;

import java.time.Duration;
import java.util.List;

/**
 * What an ingest did. {@code newFiles} were written to at least one drive; {@code alreadyThere} needed
 * nothing written (every destination already held a verified copy); {@code failed} lists each file and
 * drive that did not get a proven copy, with the reason. Other files (not media) count in these like media.
 *
 * @param notMedia   the card's files outside system clutter that are not media
 * @param otherFiles how many of {@code notMedia} were to be copied (to their session's {@code Other files/})
 * @param notCopied  files outside system clutter that were not copied, with the reason (other files on a card
 *                   with no media file to place them with)
 * @param sessions   the sessions this ingest filled: those its files were placed in
 */
public record IngestReport(String card, String cardFingerprint, List<Destination> destinations,
                           long mediaFiles, long mediaBytes, List<String> newFiles, List<String> alreadyThere,
                           List<Failure> failed, List<String> notMedia, List<String> skipped,
                           List<String> warnings, long bytesRead, Duration elapsed, boolean cancelled,
                           long otherFiles, long otherBytes, List<String> notCopied, List<SessionFilled> sessions) {

    public IngestReport(String card, String cardFingerprint, List<Destination> destinations,
                        long mediaFiles, long mediaBytes, List<String> newFiles, List<String> alreadyThere,
                        List<Failure> failed, List<String> notMedia, List<String> skipped,
                        List<String> warnings, long bytesRead, Duration elapsed, boolean cancelled) {
        this(card, cardFingerprint, destinations, mediaFiles, mediaBytes, newFiles, alreadyThere, failed, notMedia,
                skipped, warnings, bytesRead, elapsed, cancelled, 0, 0, List.of(), List.of());
    }

    /**
     * A session the ingest filled.
     *
     * @param id          the id {@code status} prints; null when the session was never created (every file failed)
     * @param created     a new session, not one of the library the files joined
     * @param files       the card's files placed in it (media and other files, new or imported before)
     * @param newFiles    of those, the files written to at least one drive in this run
     */
    public record SessionFilled(String id, String name, String folder, boolean created, int files, int newFiles) {
    }

    public record Destination(String label, String path, long filesWritten, long bytesWritten,
                              double bytesPerSecond, String verifyMethod) {
    }

    /** @param drive the drive label, or null when the card file itself could not be read */
    public record Failure(String file, String drive, String reason) {
    }

    /** Every file outside system clutter reached every destination, proven. */
    public boolean complete() {
        return failed.isEmpty() && notCopied.isEmpty() && !cancelled;
    }
}
