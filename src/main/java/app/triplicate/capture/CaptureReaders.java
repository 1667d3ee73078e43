package app.triplicate.capture;

import app.triplicate.files.FileAccess;

import java.time.Clock;
import java.util.List;

/** The capture reader with every format Triplicate reads itself. */
public final class CaptureReaders {
    private CaptureReaders() {
    }

    public static CaptureReader standard(FileAccess files, Clock clock) {
        return new CaptureReader(List.of(), files, clock);
    }
}
