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

/**
 * Registered locations: the drives, and the remote. {@link #all()} and the look-ups by label are drives only
 * (drive lists, drive verify and staleness never see the remote); the remote has its own methods.
 */
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
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM location WHERE kind = 'DRIVE' ORDER BY created_at, label");
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

    /** The current remote's location (the one not retired), if a remote was ever used. */
    public Optional<Location> currentRemote() {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM location WHERE kind = 'REMOTE' AND NOT retired ORDER BY created_at DESC");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.<Location>empty();
            }
        });
    }

    /**
     * The location of the remote at {@code target} (its address without secrets), made current: created on
     * first use, brought back into service when the remote is set back to an earlier place. Any other remote
     * is retired, since its copies can no longer be checked; the files with copies on remotes retired or
     * brought back are re-counted in the same transaction. Returns the location and those remotes' ids.
     */
    public RemoteLocation useRemote(String target, Instant now) {
        return catalog.inTransaction(c -> {
            UUID id = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM location WHERE kind = 'REMOTE' AND remote_target = ?")) {
                ps.setString(1, target);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        id = rs.getObject(1, UUID.class);
                    }
                }
            }
            java.util.Set<UUID> changed = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM location WHERE kind = 'REMOTE' AND NOT retired AND remote_target <> ?")) {
                ps.setString(1, target);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changed.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            for (UUID other : changed) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE location SET retired = TRUE WHERE id = ?")) {
                    ps.setObject(1, other);
                    ps.executeUpdate();
                }
            }
            if (id == null) {
                id = UUID.randomUUID();
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO location (id, kind, label, role, offsite, registered_path, device_id, same_device,
                                              created_at, last_seen_at, remote_target)
                        VALUES (?, 'REMOTE', ?, 'BACKUP', TRUE, NULL, ?, FALSE, ?, ?, ?)""")) {
                    ps.setObject(1, id);
                    ps.setString(2, freeLabel(c, remoteLabel(target)));
                    ps.setString(3, "remote:" + id);
                    Jdbc.setInstant(ps, 4, now);
                    Jdbc.setInstant(ps, 5, now);
                    ps.setString(6, target);
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE location SET retired = FALSE, last_seen_at = ? WHERE id = ? AND retired")) {
                    Jdbc.setInstant(ps, 1, now);
                    ps.setObject(2, id);
                    if (ps.executeUpdate() > 0) {
                        changed.add(id);
                    }
                }
            }
            // the files with copies on a remote retired or brought back now are counted again in the same
            // transaction, so a crash in between cannot leave copies counted on a remote no longer checked
            for (UUID changedId : changed) {
                List<Long> files = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT media_file_id FROM copy WHERE location_id = ?")) {
                    ps.setObject(1, changedId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            files.add(rs.getLong(1));
                        }
                    }
                }
                for (long file : files) {
                    MediaFileRepository.refreshCounts(c, file);
                }
            }
            Location l;
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM location WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    l = map(rs);
                }
            }
            return new RemoteLocation(l, java.util.Set.copyOf(changed));
        });
    }

    /** @param recount locations whose retired state changed now (their files are already re-counted) */
    public record RemoteLocation(Location location, java.util.Set<UUID> recount) {
    }

    /** What the remote is called wherever copies are listed: "Remote sftp://photo@nas:22/backup". */
    static String remoteLabel(String target) {
        String label = "Remote " + target;
        return label.length() <= 190 ? label : label.substring(0, 189) + "\u2026";
    }

    private static String freeLabel(java.sql.Connection c, String wanted) throws SQLException {
        String label = wanted;
        for (int n = 2; ; n++) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM location WHERE label = ?")) {
                ps.setString(1, label);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return label;
                    }
                }
            }
            label = wanted + " (" + n + ")";
        }
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

    /** The remote answered now. */
    public void markRemoteSeen(UUID id, Instant at) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE location SET last_seen_at = ? WHERE id = ?")) {
                Jdbc.setInstant(ps, 1, at);
                ps.setObject(2, id);
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
