package app.triplicate.catalog;

import app.triplicate.core.Session;
import app.triplicate.core.UsageException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Session renames in the catalog, and the drives whose session folder still has an earlier name (SPEC.md,
 * *library path*): a rename changes the session's name, its folder and its files' library paths at once, and
 * remembers, for every drive holding copies in the old folder, that the folder there has the old name until
 * the drive catches up. Copies keep the path they have on their location until then, so they are still found.
 */
public final class SessionFolderRepository {
    private final Catalog catalog;

    public SessionFolderRepository(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * A drive's session folder under an earlier name.
     *
     * @param folder  its name on the drive (relative to the library root)
     * @param current the session's folder now, the name the drive catches up to
     * @param problem why the last catch-up failed, or null
     */
    public record Behind(long sessionId, String sessionStableId, UUID locationId, String folder, String current,
                         String problem) {
    }

    /**
     * Renames session {@code sessionId} to {@code name}, its folder to {@code folder} (unchanged when equal), in
     * one transaction; refuses a folder another session or another session's files use.
     */
    public Session rename(long sessionId, String name, String folder) {
        catalog.inTransaction(c -> {
            String old;
            try (PreparedStatement ps = c.prepareStatement("SELECT folder FROM session WHERE id = ?")) {
                ps.setLong(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UsageException("No session with id " + sessionId + ".");
                    }
                    old = rs.getString(1);
                }
            }
            if (!old.equals(folder)) {
                refuseTaken(c, sessionId, folder);
                movePaths(c, sessionId, old, folder);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE session SET name = ?, folder = ? WHERE id = ?")) {
                ps.setString(1, name);
                ps.setString(2, folder);
                ps.setLong(3, sessionId);
                ps.executeUpdate();
            }
            return null;
        });
        return new SessionRepository(catalog).findById(sessionId).orElseThrow();
    }

    private static void refuseTaken(Connection c, long sessionId, String folder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM session WHERE folder = ? AND id <> ?")) {
            ps.setString(1, folder);
            ps.setLong(2, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new UsageException("The folder \"" + folder + "\" is already session \"" + rs.getString(1)
                            + "\"'s; choose another name.");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT library_path FROM media_file WHERE LEFT(library_path, ?) = ? AND session_id <> ?")) {
            ps.setInt(1, folder.length() + 1);
            ps.setString(2, folder + "/");
            ps.setLong(3, sessionId);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new UsageException("The folder \"" + folder + "\" already holds " + rs.getString(1)
                            + " of another session; choose another name.");
                }
            }
        }
    }

    /** The files' library paths follow at once; each drive's copies follow when the drive catches up. */
    private static void movePaths(Connection c, long sessionId, String old, String folder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE media_file SET library_path = ? || SUBSTRING(library_path, ?)
                WHERE session_id = ? AND LEFT(library_path, ?) = ?""")) {
            ps.setString(1, folder);
            ps.setInt(2, old.length() + 1);
            ps.setLong(3, sessionId);
            ps.setInt(4, old.length() + 1);
            ps.setString(5, old + "/");
            ps.executeUpdate();
        }
        // renamed back to where a drive still is: that drive has nothing left to catch up
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM session_folder_behind WHERE session_id = ? AND folder = ?")) {
            ps.setLong(1, sessionId);
            ps.setString(2, folder);
            ps.executeUpdate();
        }
        // a drive already behind keeps the name its folder really has
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO session_folder_behind (session_id, location_id, folder)
                SELECT DISTINCT ?, c.location_id, ? FROM copy c JOIN location l ON l.id = c.location_id
                WHERE c.session_id = ? AND l.kind = 'DRIVE' AND LEFT(c.path, ?) = ?
                  AND NOT EXISTS (SELECT 1 FROM session_folder_behind b
                                  WHERE b.session_id = ? AND b.location_id = c.location_id)""")) {
            ps.setLong(1, sessionId);
            ps.setString(2, old);
            ps.setLong(3, sessionId);
            ps.setInt(4, old.length() + 1);
            ps.setString(5, old + "/");
            ps.setLong(6, sessionId);
            ps.executeUpdate();
        }
    }

    /** The session folders on drive {@code locationId} that have an earlier name there. */
    public List<Behind> behindAt(UUID locationId) {
        return behind("b.location_id = ?", locationId);
    }

    /** The drives on which session {@code sessionId}'s folder has an earlier name. */
    public List<Behind> behindOf(long sessionId) {
        return behind("b.session_id = ?", sessionId);
    }

    /** Every session folder with an earlier name on some drive. */
    public List<Behind> behindAll() {
        return behind("b.session_id = b.session_id", null);
    }

    private List<Behind> behind(String where, Object arg) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT b.session_id, s.stable_id, b.location_id, b.folder, s.folder AS current, b.problem
                    FROM session_folder_behind b JOIN session s ON s.id = b.session_id WHERE\s""" + where
                    + " ORDER BY s.folder, b.location_id")) {
                if (arg != null) {
                    ps.setObject(1, arg);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Behind> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Behind(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class),
                                rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * The drive's folder now has the name {@code to}: its copies in the folder follow. If the session was renamed
     * again meanwhile, the drive is still behind, now at {@code to}.
     */
    public void caughtUp(Behind b, String to) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE copy SET path = ? || SUBSTRING(path, ?)
                    WHERE session_id = ? AND location_id = ? AND LEFT(path, ?) = ?""")) {
                ps.setString(1, to);
                ps.setInt(2, b.folder().length() + 1);
                ps.setLong(3, b.sessionId());
                ps.setObject(4, b.locationId());
                ps.setInt(5, b.folder().length() + 1);
                ps.setString(6, b.folder() + "/");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE session_folder_behind SET folder = ?, problem = NULL
                    WHERE session_id = ? AND location_id = ? AND folder = ?""")) {
                ps.setString(1, to);
                ps.setLong(2, b.sessionId());
                ps.setObject(3, b.locationId());
                ps.setString(4, b.folder());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    DELETE FROM session_folder_behind WHERE session_id = ? AND location_id = ?
                    AND folder = (SELECT folder FROM session WHERE id = ?)""")) {
                ps.setLong(1, b.sessionId());
                ps.setObject(2, b.locationId());
                ps.setLong(3, b.sessionId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The drive could not catch up: {@code problem} says why, for status and the next try. */
    public void catchUpFailed(Behind b, String problem) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE session_folder_behind SET problem = ? WHERE session_id = ? AND location_id = ?")) {
                ps.setString(1, problem.length() > 1000 ? problem.substring(0, 1000) : problem);
                ps.setLong(2, b.sessionId());
                ps.setObject(3, b.locationId());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
