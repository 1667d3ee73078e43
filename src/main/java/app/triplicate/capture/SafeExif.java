package app.triplicate.capture;

import com.drew.imaging.tiff.TiffProcessingException;
import com.drew.imaging.tiff.TiffReader;
import com.drew.lang.RandomAccessReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.makernotes.AppleMakernoteDirectory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifTiffHandler;

import java.io.IOException;
import java.util.Set;

/**
 * metadata-extractor's EXIF reading, minus the one part that can hang or exhaust memory on a corrupt
 * file: the binary plist in Apple's maker-note "RunTime" tag. Its parser (BplistReader, 2.19.0) trusts
 * the object count stored in the file, so a flipped byte in an iPhone picture makes it loop for ever or
 * allocate gigabytes (found by CaptureFuzzTest). Triplicate never uses that tag, so it is skipped.
 */
public final class SafeExif {
    private SafeExif() {
    }

    /** The EXIF handler with the Apple RunTime tag skipped. */
    public static ExifTiffHandler handler(Metadata metadata, Directory parent, int exifStartOffset) {
        return new Handler(metadata, parent, exifStartOffset);
    }

    /** A JPEG segment reader for APP1 EXIF that uses the safe handler. */
    public static ExifReader jpegReader() {
        return new ExifReader() {
            @Override
            public void extract(RandomAccessReader reader, Metadata metadata, int readerOffset, Directory parent) {
                try {
                    new TiffReader().processTiff(reader, handler(metadata, parent, readerOffset), readerOffset);
                } catch (TiffProcessingException | IOException e) {
                    // as ExifReader does: the error is recorded, other segments still count
                    metadata.addDirectory(errorDirectory("Exif data could not be read: " + e.getMessage()));
                }
            }
        };
    }

    /** Reads a whole TIFF (a TIFF-based RAW) with the safe handler. */
    public static Metadata readTiff(RandomAccessReader reader) throws IOException, TiffProcessingException {
        Metadata metadata = new Metadata();
        new TiffReader().processTiff(reader, handler(metadata, null, 0), 0);
        return metadata;
    }

    private static Directory errorDirectory(String message) {
        com.drew.metadata.exif.ExifIFD0Directory d = new com.drew.metadata.exif.ExifIFD0Directory();
        d.addError(message);
        return d;
    }

    private static final class Handler extends ExifTiffHandler {
        Handler(Metadata metadata, Directory parent, int exifStartOffset) {
            super(metadata, parent, exifStartOffset);
        }

        @Override
        public boolean customProcessTag(int tagOffset, Set<Integer> processedIfdOffsets, int tiffHeaderOffset,
                                        RandomAccessReader reader, int tagId, int byteCount) throws IOException {
            if (tagId == AppleMakernoteDirectory.TAG_RUN_TIME && _currentDirectory instanceof AppleMakernoteDirectory) {
                return true; // skipped: see the class comment
            }
            return super.customProcessTag(tagOffset, processedIfdOffsets, tiffHeaderOffset, reader, tagId, byteCount);
        }
    }
}
