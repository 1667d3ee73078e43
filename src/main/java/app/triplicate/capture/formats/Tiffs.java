package app.triplicate.capture.formats;

import com.drew.imaging.tiff.TiffProcessingException;
import com.drew.imaging.tiff.TiffReader;
import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifTiffHandler;

import java.io.IOException;

/**
 * Parses a TIFF block held in memory with metadata-extractor's public TIFF reader. Raw containers (CR3,
 * MRW, a Pentax AVI chunk) carry plain TIFF structures whose root IFD is not always IFD0: CR3's CMT2 root is
 * the Exif IFD and CMT3's the Canon maker notes, so the caller can say which directory the root IFD fills.
 */
final class Tiffs {
    private static final int TIFF_MARKER = 0x2A;

    private Tiffs() {
    }

    /**
     * Adds the directories of {@code tiff} to {@code into}.
     *
     * @param root the directory type the root IFD lands in, or null for a normal TIFF (root = IFD0)
     */
    static void parse(byte[] tiff, Class<? extends Directory> root, Metadata into) throws IOException {
        try {
            new TiffReader().processTiff(new ByteArrayReader(tiff), new RootHandler(into, root), 0);
        } catch (TiffProcessingException e) {
            throw new IOException("not a TIFF block: " + e.getMessage(), e);
        }
    }

    /** metadata-extractor's EXIF handler, with the root IFD put into a chosen directory. */
    private static final class RootHandler extends ExifTiffHandler {
        private final Class<? extends Directory> root;

        RootHandler(Metadata metadata, Class<? extends Directory> root) {
            super(metadata, null, 0);
            this.root = root;
        }

        @Override
        public boolean customProcessTag(int tagOffset, java.util.Set<Integer> processedIfdOffsets, int tiffHeaderOffset,
                                        com.drew.lang.RandomAccessReader reader, int tagId, int byteCount)
                throws IOException {
            if (tagId == com.drew.metadata.exif.makernotes.AppleMakernoteDirectory.TAG_RUN_TIME
                    && _currentDirectory instanceof com.drew.metadata.exif.makernotes.AppleMakernoteDirectory) {
                return true; // skipped, as in app.triplicate.capture.SafeExif
            }
            return super.customProcessTag(tagOffset, processedIfdOffsets, tiffHeaderOffset, reader, tagId, byteCount);
        }

        @Override
        public void setTiffMarker(int marker) throws TiffProcessingException {
            if (root == null) {
                super.setTiffMarker(marker);
            } else if (marker == TIFF_MARKER) {
                pushDirectory(root);
            } else {
                throw new TiffProcessingException(String.format("unexpected TIFF marker 0x%X", marker));
            }
        }
    }
}
