package app.triplicate.capture;

import app.triplicate.core.Camera;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.makernotes.CanonMakernoteDirectory;
import com.drew.metadata.exif.makernotes.FujifilmMakernoteDirectory;
import com.drew.metadata.exif.makernotes.NikonType2MakernoteDirectory;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Takes the capture time and camera out of EXIF as metadata-extractor parsed it: DateTimeOriginal from
 * the Exif IFD (else IFD0) with SubSecTimeOriginal and OffsetTimeOriginal applied; make and model from
 * IFD0, else from the Exif IFD (some cameras put them there); the body serial number from EXIF, DNG or
 * the maker notes.
 */
public final class ExifFields {
    /** OffsetTimeOriginal (EXIF 2.31). */
    static final int TAG_OFFSET_TIME_ORIGINAL = 0x9011;
    /** DNG CameraSerialNumber, in IFD0. */
    static final int TAG_DNG_CAMERA_SERIAL = 0xC62F;

    private ExifFields() {
    }

    public static CaptureFields from(Metadata metadata) {
        Camera camera = camera(metadata);
        for (Class<? extends ExifDirectoryBase> type : java.util.List.of(ExifSubIFDDirectory.class, ExifIFD0Directory.class)) {
            for (ExifDirectoryBase dir : metadata.getDirectoriesOfType(type)) {
                Optional<LocalDateTime> t = ExifDates.parse(dir.getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL));
                if (t.isPresent()) {
                    LocalDateTime local = ExifDates.withSubSeconds(t.get(),
                            dir.getString(ExifDirectoryBase.TAG_SUBSECOND_TIME_ORIGINAL));
                    ZoneOffset offset = ExifDates.offset(dir.getString(TAG_OFFSET_TIME_ORIGINAL)).orElse(null);
                    String source = type == ExifSubIFDDirectory.class ? "EXIF:ExifIFD:DateTimeOriginal"
                            : "EXIF:IFD0:DateTimeOriginal";
                    return new CaptureFields(local, offset, source, camera);
                }
            }
        }
        return CaptureFields.cameraOnly(camera);
    }

    static Camera camera(Metadata metadata) {
        String make = null;
        String model = null;
        for (Class<? extends Directory> type : java.util.List.of(ExifIFD0Directory.class, ExifSubIFDDirectory.class)) {
            for (Directory dir : metadata.getDirectoriesOfType(type)) {
                make = make != null ? make : clean(dir.getString(ExifDirectoryBase.TAG_MAKE));
                model = model != null ? model : clean(dir.getString(ExifDirectoryBase.TAG_MODEL));
            }
        }
        return new Camera(make, model, serial(metadata));
    }

    private static String serial(Metadata metadata) {
        String s = first(metadata, ExifSubIFDDirectory.class, ExifDirectoryBase.TAG_BODY_SERIAL_NUMBER);
        s = s != null ? s : first(metadata, ExifIFD0Directory.class, TAG_DNG_CAMERA_SERIAL);
        s = s != null ? s : first(metadata, CanonMakernoteDirectory.class, CanonMakernoteDirectory.TAG_CANON_SERIAL_NUMBER);
        s = s != null ? s : first(metadata, NikonType2MakernoteDirectory.class, NikonType2MakernoteDirectory.TAG_CAMERA_SERIAL_NUMBER);
        s = s != null ? s : first(metadata, FujifilmMakernoteDirectory.class, FujifilmMakernoteDirectory.TAG_SERIAL_NUMBER);
        return s;
    }

    private static String first(Metadata metadata, Class<? extends Directory> type, int tag) {
        for (Directory dir : metadata.getDirectoriesOfType(type)) {
            String v = clean(dir.getString(tag));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Trims the padding cameras leave in fixed-size ASCII fields; blank is absent. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replace('\0', ' ').strip();
        return t.isEmpty() ? null : t;
    }
}
