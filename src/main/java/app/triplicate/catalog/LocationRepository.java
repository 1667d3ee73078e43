package app.triplicate.catalog;

import app.triplicate.core.DriveRole;
import app.triplicate.core.Location;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registered locations (drives). */
public final class LocationRepository {
    private final Catalog catalog;

    public LocationRepository(Catalog catalog) {
        this.catalog = catalog;
    }

    public void insert(Location l) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO location (id, kind, label, role, offsite, registered_path, device_id, same_device,
                                          created_at, last_seen_at, last_seen_path)
                    VALUES (?, 'DRIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, l.id());
                ps.setString(2, l.label());
                ps.setString(3, l.role().name());
                ps.setBoolean(4, l.offsite());
                ps.setString(5, l.registeredPath());
                ps.setString(6, l.deviceId());
                ps.setBoolean(7, l.sameDevice());
                Jdbc.setInstant(ps, 8, l.createdAt());
                Jdbc.setInstant(ps, 9, l.lastSeenAt());
                ps.setString(10, l.registeredPath());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<Location> all() {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM location ORDER BY created_at, label");
                 ResultSet rs = ps.executeQuery()) {
                List<Location> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        });
    }

    /** A location named by its label or its UUID. */
    public Optional<Location> find(String labelOrId) {
        return all().stream()
                .filter(l -> l.label().equals(labelOrId) || l.id().toString().equalsIgnoreCase(labelOrId))
                .findFirst();
    }

    public Optional<Location> byId(UUID id) {
        return all().stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /**
     * Remembers where and when a drive was last found connected, and the device it is on now (device
     * numbers of removable drives can change between connections).
     */
    public void markSeen(UUID id, String path, String deviceId, Instant at) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE location SET last_seen_at = ?, last_seen_path = ?, device_id = COALESCE(?, device_id) WHERE id = ?")) {
                Jdbc.setInstant(ps, 1, at);
                ps.setString(2, path);
                ps.setString(3, deviceId);
                ps.setObject(4, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void rename(UUID id, String newLabel) {
        update("UPDATE location SET label = ? WHERE id = ?", newLabel, id);
    }

    public void setOffsite(UUID id, boolean offsite) {
        update("UPDATE location SET offsite = ? WHERE id = ?", offsite, id);
    }

    /** Retired drives stay registered (their history too) but their copies no longer count. */
    public void retire(UUID id) {
        update("UPDATE location SET retired = TRUE WHERE id = ?", id);
    }

    public java.util.Set<UUID> retiredIds() {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM location WHERE retired");
                 ResultSet rs = ps.executeQuery()) {
                java.util.Set<UUID> out = new java.util.HashSet<>();
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
                return out;
            }
        });
    }

    private void update(String sql, Object... args) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The path the drive was last found at (its registered path until it is found elsewhere). */
    public Optional<String> lastSeenPath(UUID id) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT last_seen_path FROM location WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private static Location map(ResultSet rs) throws SQLException {
        return new Location(rs.getObject("id", UUID.class), rs.getString("label"),
                DriveRole.valueOf(rs.getString("role")), rs.getBoolean("offsite"), rs.getString("registered_path"),
                rs.getString("device_id"), rs.getBoolean("same_device"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "last_seen_at"));
    }
}
