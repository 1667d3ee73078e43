package app.triplicate.capture;

import app.triplicate.core.Camera;
import app.triplicate.core.CaptureTime;

/**
 * The capture time and camera of one file, as Triplicate uses them.
 *
 * @param suspicious the date is before 1980 or later than tomorrow: a camera clock that was not set
 * @param problem    why the file's own date could not be used (null when it was), e.g. "no capture date in
 *                   the file" or "cannot read the file: ..."
 */
public record CaptureReading(CaptureTime time, Camera camera, boolean suspicious, String problem) {
}
