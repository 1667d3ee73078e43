package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.capture.ExifFields;
import app.triplicate.capture.FormatReader;
import app.triplicate.capture.HeaderSource;
import com.drew.metadata.Metadata;

import java.io.IOException;
import java.util.Optional;

/**
 * Minolta MRW: a "\0MRM" block (4-byte big-endian length; the image data follows it) holding child blocks,
 * each a four-character name and a big-endian length: "\0PRD" (picture dimensions), "\0TTW" (a TIFF with
 * IFD0 and the Exif IFD, offsets counted from the start of the TIFF), "\0WBG" (white balance), "\0RIF"
 * (settings). The TTW TIFF is parsed with metadata-extractor and mapped like any EXIF.
 */
public final class MrwReader implements FormatReader {
    private static final int MAX_BLOCKS = 64;
    /** The TTW block holds EXIF and maker notes: tens of KiB. */
    private static final int MAX_TTW = 4 << 20;

    public MrwReader() {
    }

    @Override
    public boolean accepts(byte[] head, String extension) {
        return Bytes.ascii(head, 0, "\0MRM");
    }

    @Override
    public Optional<CaptureFields> read(HeaderSource source) throws IOException {
        if (source.size() < 8) {
            return Optional.empty();
        }
        byte[] mrm = source.read(0, 8);
        if (!accepts(mrm, "")) {
            return Optional.empty();
        }
        long end = Math.min(source.size(), 8 + Bytes.u32(mrm, 4, false));
        long pos = 8;
        for (int i = 0; i < MAX_BLOCKS && pos + 8 <= end; i++) {
            byte[] h = source.read(pos, 8);
            long length = Bytes.u32(h, 4, false);
            if (Bytes.ascii(h, 0, "\0TTW")) {
                if (length > MAX_TTW || pos + 8 + length > end) {
                    throw new IOException("MRW TTW block of " + length + " bytes at " + pos + " does not fit");
                }
                Metadata metadata = new Metadata();
                Tiffs.parse(source.read(pos + 8, (int) length), null, metadata);
                CaptureFields fields = ExifFields.from(metadata);
                return fields.hasDate() || fields.camera().isKnown() ? Optional.of(fields) : Optional.empty();
            }
            pos += 8 + length;
        }
        return Optional.empty();
    }
}
