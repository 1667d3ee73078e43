package app.triplicate.drives;

import app.triplicate.core.CannotRunException;

/**
 * The catalog opened is not the one the connected drives belong to: it is new while they belong to another
 * catalog, or older than they have seen (exit 3). The message names the drive, both ids or generations, and the
 * way back ({@code catalog restore}); the window offers that restore.
 */
public final class LostCatalogException extends CannotRunException {
    public LostCatalogException(String message) {
        super(message);
    }
}
