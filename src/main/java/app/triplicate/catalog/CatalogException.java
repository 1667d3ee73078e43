package app.triplicate.catalog;

import app.triplicate.core.CannotRunException;

/** The catalog cannot be used; the message says what the user can do about it. */
public final class CatalogException extends CannotRunException {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the catalog is open in another process: then it is not broken, and must not be restored over. */
    public boolean inUse() {
        return getCause() instanceof java.sql.SQLException e && e.getErrorCode() == 90020;
    }

    /**
     * True when the connection to a studio catalog's server was lost mid-run (the server stopped or restarted, the
     * network went): the catalog is not broken, and nothing is to be restored; the work can run again once it is back.
     */
    public boolean serverLost() {
        return getCause() instanceof java.sql.SQLException e && ServerCatalog.connectionLost(e);
    }
}
