package app.triplicate.capture;

import app.triplicate.core.Camera;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * What a format reader found in a file's header. Any part may be missing: a file can name its camera and
 * carry no date.
 *
 * @param local  the wall-clock capture time, sub-seconds applied; null when the file has no usable date
 * @param offset its UTC offset, or null when the file records none
 * @param source the tag the date came from, in ExifTool's group:tag style ("EXIF:ExifIFD:DateTimeOriginal")
 */
public record CaptureFields(LocalDateTime local, ZoneOffset offset, String source, Camera camera) {

    public static CaptureFields cameraOnly(Camera camera) {
        return new CaptureFields(null, null, null, camera);
    }

    public boolean hasDate() {
        return local != null;
    }
}
