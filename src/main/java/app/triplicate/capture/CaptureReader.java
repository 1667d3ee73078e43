package app.triplicate.capture;

import app.triplicate.core.Camera;
import app.triplicate.core.CaptureTime;
import app.triplicate.files.FileAccess;
import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.heif.HeifMetadataReader;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.mp4.Mp4MetadataReader;
import com.drew.imaging.quicktime.QuickTimeMetadataReader;
import com.drew.imaging.raf.RafMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mov.metadata.QuickTimeMetadataDirectory;
import com.drew.metadata.mp4.Mp4Directory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads when a file was taken and by which camera, from its header only. metadata-extractor reads the
 * formats it knows (JPEG, TIFF-based RAWs, RAF, QuickTime and MP4, HEIF our reader does not take); our own
 * {@link FormatReader}s read the rest (CR3, CRW, X3F, M2TS, AVI, MRW, QuickTime without ftyp) and HEIF, and
 * are asked first. Nothing escapes: a file that cannot be read, or carries no usable date, gets its
 * modification time as a marked fallback and a reason.
 */
public final class CaptureReader {
    /** QuickTime's epoch: a creation time of zero means "not set". */
    private static final Instant QUICKTIME_ZERO = Instant.parse("1904-01-01T00:00:00Z");

    private final List<FormatReader> ownReaders;
    private final FileAccess files;
    private final Clock clock;
    private final ZoneId zone;

    public CaptureReader(List<FormatReader> ownReaders, FileAccess files, Clock clock) {
        this.ownReaders = List.copyOf(ownReaders);
        this.files = files;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /** @param modifiedMillis the file's modification time, the fallback when it carries no date */
    public CaptureReading read(Path file, long modifiedMillis) {
        CaptureFields fields;
        String problem = null;
        try (HeaderSource source = new HeaderSource(files.openRead(file), HeaderSource.DEFAULT_BUDGET)) {
            fields = readFields(source, extension(file));
            if (!fields.hasDate()) {
                problem = "no capture date in the file";
            }
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // OutOfMemoryError: a corrupt length made a library reader allocate more than the heap holds; the
            // allocation failed, nothing was kept, and the next file is read normally
            fields = CaptureFields.cameraOnly(Camera.UNKNOWN);
            problem = problemText(e);
        }
        CaptureTime time = fields.hasDate()
                ? new CaptureTime(fields.local(), fields.offset(), fields.source(), false)
                : CaptureTime.fallback(Instant.ofEpochMilli(modifiedMillis), zone);
        boolean suspicious = !time.fallback() && time.suspicious(LocalDate.now(clock));
        Camera camera = fields.camera() == null ? Camera.UNKNOWN : fields.camera();
        return new CaptureReading(time, camera, suspicious, problem);
    }

    private static String problemText(Throwable e) {
        if (e instanceof IOException) {
            return "cannot read the file: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        String what = e instanceof OutOfMemoryError ? "its metadata claims impossible sizes"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return "the metadata is corrupt (" + what + ")";
    }

    private CaptureFields readFields(HeaderSource source, String extension)
            throws IOException, com.drew.imaging.ImageProcessingException {
        byte[] head = source.readUpTo(0, 512);
        for (FormatReader reader : ownReaders) {
            if (reader.accepts(head, extension)) {
                return reader.read(source).orElse(CaptureFields.cameraOnly(Camera.UNKNOWN));
            }
        }
        FileType type;
        try (InputStream in = new BufferedInputStream(source.streamFrom(0), 256)) {
            type = FileTypeDetector.detectFileType(in);
        }
        return switch (type) {
            case Jpeg -> ExifFields.from(JpegMetadataReader.readMetadata(stream(source), List.of(SafeExif.jpegReader())));
            case Tiff, Arw, Cr2, Nef, Orf, Rw2 -> ExifFields.from(tiff(source));
            case Raf -> ExifFields.from(RafMetadataReader.readMetadata(stream(source)));
            // HEIF files HeifReader accepts never get here; this reads the rest (its Apple plist risk included)
            case Heif -> ExifFields.from(HeifMetadataReader.readMetadata(stream(source)));
            case QuickTime -> quickTime(QuickTimeMetadataReader.readMetadata(stream(source)));
            case Mp4 -> mp4(Mp4MetadataReader.readMetadata(stream(source)));
            default -> CaptureFields.cameraOnly(Camera.UNKNOWN);
        };
    }

    private static Metadata tiff(HeaderSource source) throws IOException {
        try {
            return SafeExif.readTiff(new HeaderRandomAccessReader(source));
        } catch (com.drew.imaging.tiff.TiffProcessingException e) {
            throw new IOException("not a readable TIFF: " + e.getMessage(), e);
        }
    }

    private static InputStream stream(HeaderSource source) {
        return new BufferedInputStream(source.streamFrom(0), 16 * 1024);
    }

    /** Apple's local time with its zone (Keys:CreationDate) where present, else the UTC creation time. */
    private static CaptureFields quickTime(Metadata metadata) {
        Camera camera = Camera.UNKNOWN;
        for (QuickTimeMetadataDirectory keys : metadata.getDirectoriesOfType(QuickTimeMetadataDirectory.class)) {
            camera = new Camera(ExifFields.clean(keys.getString(QuickTimeMetadataDirectory.TAG_MAKE)),
                    ExifFields.clean(keys.getString(QuickTimeMetadataDirectory.TAG_MODEL)), null);
            Optional<ExifDates.Zoned> created = ExifDates.parseWithZone(keys.getString(QuickTimeMetadataDirectory.TAG_CREATION_DATE));
            if (created.isPresent() && created.get().offset() != null) {
                return new CaptureFields(created.get().local(), created.get().offset(), "Keys:CreationDate", camera);
            }
        }
        return utcCreation(metadata, QuickTimeDirectory.class, QuickTimeDirectory.TAG_CREATION_TIME, camera);
    }

    private static CaptureFields mp4(Metadata metadata) {
        return utcCreation(metadata, Mp4Directory.class, Mp4Directory.TAG_CREATION_TIME, Camera.UNKNOWN);
    }

    /** A QuickTime/MP4 creation time: UTC by the format's convention; zero means not set. */
    private static CaptureFields utcCreation(Metadata metadata, Class<? extends Directory> type, int tag, Camera camera) {
        for (Directory dir : metadata.getDirectoriesOfType(type)) {
            Date d = dir.getDate(tag);
            if (d != null && d.toInstant().isAfter(QUICKTIME_ZERO)) {
                return new CaptureFields(LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC), ZoneOffset.UTC,
                        "QuickTime:CreateDate", camera);
            }
        }
        return CaptureFields.cameraOnly(camera);
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
