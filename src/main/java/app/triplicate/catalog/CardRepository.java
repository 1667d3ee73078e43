package app.triplicate.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Cards, recognised by the fingerprint of their file list, and the files seen on them. */
public final class CardRepository {
    private final Catalog catalog;

    public CardRepository(Catalog catalog) {
        this.catalog = catalog;
    }

    /** A file as seen on a card: path relative to the card, size, modification time in milliseconds. */
    public record CardFile(String relativePath, long size, long modifiedMillis) {
    }

    /** The card with this fingerprint, recording it and its file list when it is new; returns its id. */
    public long remember(String fingerprint, List<CardFile> files, Instant now) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM card WHERE fingerprint = ?")) {
                ps.setString(1, fingerprint);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long id = rs.getLong(1);
                        try (PreparedStatement up = c.prepareStatement("UPDATE card SET last_seen_at = ? WHERE id = ?")) {
                            Jdbc.setInstant(up, 1, now);
                            up.setLong(2, id);
                            up.executeUpdate();
                        }
                        return id;
                    }
                }
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO card (fingerprint, file_count, total_bytes, first_seen_at, last_seen_at)
                    VALUES (?, ?, ?, ?, ?)""", new String[]{"id"})) {
                ps.setString(1, fingerprint);
                ps.setInt(2, files.size());
                ps.setLong(3, files.stream().mapToLong(CardFile::size).sum());
                Jdbc.setInstant(ps, 4, now);
                Jdbc.setInstant(ps, 5, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO card_file (card_id, relative_path, size, modified_millis) VALUES (?, ?, ?, ?)")) {
                for (CardFile f : files) {
                    ps.setLong(1, id);
                    ps.setString(2, f.relativePath());
                    ps.setLong(3, f.size());
                    ps.setLong(4, f.modifiedMillis());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return id;
        });
    }

    /**
     * The media file a card file was found to hold at an earlier ingest, by the quick check on card path,
     * size and modification time; empty when the file was never hashed.
     */
    public Optional<Long> quickMatch(CardFile f) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT media_file_id FROM card_file
                    WHERE relative_path = ? AND size = ? AND modified_millis = ? AND media_file_id IS NOT NULL
                    ORDER BY card_id DESC LIMIT 1""")) {
                ps.setString(1, f.relativePath());
                ps.setLong(2, f.size());
                ps.setLong(3, f.modifiedMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * {@link #quickMatch} for many files at once (a whole card), in a few queries instead of one per file.
     * Returns the media file id by card path, for the files that match.
     */
    public java.util.Map<String, Long> quickMatchAll(List<CardFile> files) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        java.util.Map<String, CardFile> byPath = new java.util.HashMap<>();
        files.forEach(f -> byPath.put(f.relativePath(), f));
        List<String> paths = List.copyOf(byPath.keySet());
        int chunk = 500;
        for (int from = 0; from < paths.size(); from += chunk) {
            List<String> part = paths.subList(from, Math.min(paths.size(), from + chunk));
            catalog.inTransaction(c -> {
                String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT relative_path, size, modified_millis, media_file_id"
                        + " FROM card_file WHERE media_file_id IS NOT NULL AND relative_path IN (" + marks + ")"
                        + " ORDER BY card_id")) {
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 1, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            CardFile f = byPath.get(rs.getString(1));
                            if (f != null && f.size() == rs.getLong(2) && f.modifiedMillis() == rs.getLong(3)) {
                                out.put(f.relativePath(), rs.getLong(4)); // later cards win, as in quickMatch
                            }
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** Records which media file a card file holds, once its content has been hashed. */
    public void link(long cardId, String relativePath, long mediaFileId) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE card_file SET media_file_id = ? WHERE card_id = ? AND relative_path = ?")) {
                ps.setLong(1, mediaFileId);
                ps.setLong(2, cardId);
                ps.setString(3, relativePath);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
