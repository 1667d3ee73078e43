package app.triplicate.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The catalog's id and generation (one row, made by migration V17). */
public final class CatalogIdentityRepository {
    private final Catalog catalog;

    public CatalogIdentityRepository(Catalog catalog) {
        this.catalog = catalog;
    }

    public CatalogIdentity current() {
        return catalog.inTransaction(CatalogIdentityRepository::read);
    }

    /** Adds one to the generation, committed before this returns (drive markers may then record it). */
    public CatalogIdentity advance() {
        return catalog.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE catalog_identity SET generation = generation + 1");
            }
            return read(c);
        });
    }

    /**
     * {@code catalog rebuild} without a backup: the new catalog takes the id and newest generation the drives'
     * markers record, so they recognise it as theirs (and the next run's generation is above what they saw).
     */
    public void adopt(UUID id, long generation) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE catalog_identity SET id = ?, generation = ?")) {
                ps.setObject(1, id);
                ps.setLong(2, generation);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * True when the catalog holds nothing a user made: no drive registered, no session. Such a catalog is what a
     * deleted catalog is silently replaced by, so drives that belong to another catalog must stop it.
     */
    public boolean isNew() {
        return catalog.inTransaction(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM location WHERE kind = 'DRIVE') "
                         + "+ (SELECT COUNT(*) FROM session)")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    static CatalogIdentity read(java.sql.Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, generation FROM catalog_identity");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the catalog has no identity row (migration V17)");
            }
            return new CatalogIdentity(rs.getObject("id", UUID.class), rs.getLong("generation"));
        }
    }
}
