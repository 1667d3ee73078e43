package app.triplicate.mhl;

import java.io.IOException;

/** An ASC MHL history that cannot be read or continued: a manifest malformed, missing, or changed since written. */
public class MhlException extends IOException {
    public MhlException(String message) {
        super(message);
    }

    public MhlException(String message, Throwable cause) {
        super(message, cause);
    }
}
