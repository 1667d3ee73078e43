package app.triplicate.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The mass changes verify found (the ransomware canary), and whether the user has dismissed or confirmed them. */
public final class MassChangeRepository {

    /** One mass change on one location; standing while not confirmed. */
    public record MassChange(long id, UUID locationId, String label, int changed, int checked, Instant foundAt,
                             Instant dismissedAt) {
    }

    private final Catalog catalog;

    public MassChangeRepository(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Records a mass change on a location; one already standing there is updated with the newest counts, so a
     * second verify does not stack a second alarm (and shows the banner again if it was dismissed).
     */
    public void record(UUID locationId, int changed, int checked, Instant at) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE mass_change SET changed = ?, checked = ?, found_at = ?, dismissed_at = NULL
                    WHERE location_id = ? AND confirmed_at IS NULL""")) {
                ps.setInt(1, changed);
                ps.setInt(2, checked);
                Jdbc.setInstant(ps, 3, at);
                ps.setObject(4, locationId);
                if (ps.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO mass_change (location_id, changed, checked, found_at) VALUES (?, ?, ?, ?)")) {
                ps.setObject(1, locationId);
                ps.setInt(2, changed);
                ps.setInt(3, checked);
                Jdbc.setInstant(ps, 4, at);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The mass changes not yet confirmed, oldest first. */
    public List<MassChange> standing() {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT m.id, m.location_id, l.label, m.changed, m.checked, m.found_at, m.dismissed_at
                    FROM mass_change m JOIN location l ON l.id = m.location_id
                    WHERE m.confirmed_at IS NULL ORDER BY m.found_at, m.id""");
                 ResultSet rs = ps.executeQuery()) {
                List<MassChange> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new MassChange(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4),
                            rs.getInt(5), Jdbc.instant(rs, "found_at"), Jdbc.instant(rs, "dismissed_at")));
                }
                return out;
            }
        });
    }

    /** Hides the window's banner for this mass change; repair still refuses until it is confirmed. */
    public void dismiss(long id, Instant at) {
        set("dismissed_at", id, at);
    }

    /** The user knows the cause and lets repair go ahead. */
    public void confirm(long id, Instant at) {
        set("confirmed_at", id, at);
    }

    private void set(String column, long id, Instant at) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE mass_change SET " + column + " = ? WHERE id = ? AND " + column + " IS NULL")) {
                Jdbc.setInstant(ps, 1, at);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
