package app.triplicate.drives;

import app.triplicate.core.CannotRunException;

/**
 * The catalog opened is not the one the connected drives belong to: it is new while they belong to another
 * catalog, or older than they have seen (exit 3). The message names the drive, both ids or generations, and the
 * way back ({@code catalog restore}); the window offers that restore.
 */
public final class LostCatalogException extends CannotRunException {
    private final boolean onlyThisComputer;

    public LostCatalogException(String message) {
        this(message, false);
    }

    /**
     * @param onlyThisComputer true when no drive says so, only this computer's memory of its catalog: then keeping
     *                         the catalog on purpose ({@code catalog accept}) is enough to go on
     */
    public LostCatalogException(String message, boolean onlyThisComputer) {
        super(message);
        this.onlyThisComputer = onlyThisComputer;
    }

    /** True when only this computer's memory, no drive, says the catalog is lost or out of date. */
    public boolean onlyThisComputer() {
        return onlyThisComputer;
    }
}
