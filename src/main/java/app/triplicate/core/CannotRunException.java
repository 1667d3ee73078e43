package app.triplicate.core;

/** The work cannot start (catalog locked, a named drive absent, no destination): exit code 3. */
public class CannotRunException extends RuntimeException {
    public CannotRunException(String message) {
        super(message);
    }

    public CannotRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
