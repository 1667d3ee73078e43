package app.triplicate.core;

/** The request itself is wrong (a card path that does not exist, an unknown drive label): exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
