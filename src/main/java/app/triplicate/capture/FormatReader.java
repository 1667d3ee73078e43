package app.triplicate.capture;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads the capture time and camera of one file format that metadata-extractor cannot read (or reads
 * wrongly). One small class per format, each with its own test.
 */
public interface FormatReader {

    /**
     * Whether this reader handles the file, judged by its first bytes (512, fewer for tiny files)
     * and its lower-case extension. Content wins over the extension where the format has a signature.
     */
    boolean accepts(byte[] head, String extension);

    /**
     * What the header says; empty when the file holds nothing this reader understands. Throws on I/O
     * errors and may throw on malformed content: the caller turns any exception into a fallback time
     * with the reason.
     */
    Optional<CaptureFields> read(HeaderSource source) throws IOException;
}
