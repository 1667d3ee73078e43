package app.triplicate.catalog;

import app.triplicate.core.Session;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sessions. */
public final class SessionRepository {
    private static final String ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
    private final Catalog catalog;
    private final SecureRandom random = new SecureRandom();

    public SessionRepository(Catalog catalog) {
        this.catalog = catalog;
    }

    public Optional<Session> findByName(String name) {
        return query("SELECT * FROM session WHERE name = ? ORDER BY id", name).stream().findFirst();
    }

    public Optional<Session> findByFolder(String folder) {
        return query("SELECT * FROM session WHERE folder = ?", folder).stream().findFirst();
    }

    /** A session named as commands accept it: its stable id, or its name where that is unique. */
    public Optional<Session> findByIdOrName(String idOrName) {
        Optional<Session> byId = query("SELECT * FROM session WHERE stable_id = ?", idOrName).stream().findFirst();
        if (byId.isPresent()) {
            return byId;
        }
        List<Session> named = query("SELECT * FROM session WHERE name = ?", idOrName);
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    public Optional<Session> findById(long id) {
        return query("SELECT * FROM session WHERE id = ?", id).stream().findFirst();
    }

    /**
     * The session a run of pictures taken from {@code first} to {@code last} belongs to: one whose range of
     * instants, widened by {@code gap} on both sides, overlaps it (the closest when several do).
     */
    public Optional<Session> findNear(Instant first, Instant last, Duration gap) {
        return query("SELECT * FROM session WHERE first_instant IS NOT NULL AND first_instant <= ? AND last_instant >= ?",
                last.plus(gap).atOffset(ZoneOffset.UTC), first.minus(gap).atOffset(ZoneOffset.UTC)).stream()
                .min(java.util.Comparator.comparing(s -> distance(s, first, last)));
    }

    private static Duration distance(Session s, Instant first, Instant last) {
        if (!s.lastInstant().isBefore(first) && !s.firstInstant().isAfter(last)) {
            return Duration.ZERO;
        }
        return s.lastInstant().isBefore(first) ? Duration.between(s.lastInstant(), first)
                : Duration.between(last, s.firstInstant());
    }

    public List<Session> all() {
        return query("SELECT * FROM session ORDER BY id");
    }

    public Session create(String name, String folder) {
        String stableId = newStableId();
        long id = catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO session (stable_id, name, folder, created_at) VALUES (?, ?, ?, ?)",
                    new String[]{"id"})) {
                ps.setString(1, stableId);
                ps.setString(2, name);
                ps.setString(3, folder);
                Jdbc.setInstant(ps, 4, Instant.now());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new Session(id, stableId, name, folder, null, null, null, null);
    }

    private String newStableId() {
        StringBuilder sb = new StringBuilder("s");
        for (int i = 0; i < 7; i++) {
            sb.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return sb.toString();
    }

    private List<Session> query(String sql, Object... args) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Session> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static Session map(ResultSet rs) throws SQLException {
        return new Session(rs.getLong("id"), rs.getString("stable_id"), rs.getString("name"), rs.getString("folder"),
                Jdbc.local(rs, "first_capture"), Jdbc.local(rs, "last_capture"),
                Jdbc.instant(rs, "first_instant"), Jdbc.instant(rs, "last_instant"));
    }
}
