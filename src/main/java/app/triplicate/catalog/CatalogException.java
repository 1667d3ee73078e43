package app.triplicate.catalog;

import app.triplicate.core.CannotRunException;

/** The catalog cannot be used; the message says what the user can do about it. */
public final class CatalogException extends CannotRunException {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
