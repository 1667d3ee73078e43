package app.triplicate.ingest;

import app.triplicate.ingest.CardScanner.ScannedFile;

/** One card file on its way to one or more drives. */
record CopyJob(ScannedFile file, String tempId) {
}
