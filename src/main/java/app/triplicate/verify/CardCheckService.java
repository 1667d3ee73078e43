package app.triplicate.verify;

import app.triplicate.catalog.CardRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.core.CopyPolicy;
import app.triplicate.core.MediaFile;
import app.triplicate.core.Xxh128;
import app.triplicate.files.FileAccess;
import app.triplicate.files.ReadBack;
import app.triplicate.ingest.CardScanner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Is this card safe to format? Every media file on it must have at least the policy's copies-before-format
 * verified copies on distinct disks. Files are matched by the quick check (path, size, time seen on a card
 * at ingest) or, with {@code deep}, by re-hashing every file on the card.
 */
public final class CardCheckService {
    private final CardRepository cards;
    private final MediaFileRepository mediaFiles;
    private final FileAccess files;

    public CardCheckService(CardRepository cards, MediaFileRepository mediaFiles, FileAccess files) {
        this.cards = cards;
        this.mediaFiles = mediaFiles;
        this.files = files;
    }

    /** A file on the card that is not safe yet, and what it lacks. */
    public record Lacking(String path, int copies, String reason) {
    }

    public record Verdict(boolean safe, int required, long mediaFiles, List<Lacking> lacking) {
    }

    public Verdict check(java.nio.file.Path card, boolean deep, CopyPolicy policy) {
        CardScanner.Scan scan = new CardScanner().scan(card);
        int required = policy.copiesBeforeFormat();
        Map<String, Long> quick = deep ? Map.of() : cards.quickMatchAll(scan.media().stream()
                .map(f -> new CardRepository.CardFile(f.relativePath(), f.size(), f.modifiedMillis())).toList());
        List<Lacking> lacking = new ArrayList<>();
        ReadBack reader = new ReadBack(files);
        for (CardScanner.ScannedFile f : scan.media()) {
            Optional<MediaFile> m;
            if (deep) {
                try {
                    Xxh128 hash = reader.hash(f.path(), "card", n -> { }).hash();
                    m = mediaFiles.findByHash(hash);
                } catch (IOException e) {
                    lacking.add(new Lacking(f.relativePath(), 0, "cannot be read from the card: " + e.getMessage()));
                    continue;
                }
            } else {
                m = Optional.ofNullable(quick.get(f.relativePath())).flatMap(mediaFiles::findById);
            }
            if (m.isEmpty()) {
                lacking.add(new Lacking(f.relativePath(), 0, "not imported"));
                continue;
            }
            if (mediaFiles.isCulled(m.get().id())) {
                continue; // a reject deleted on purpose: formatting the card loses nothing wanted
            }
            int copies = mediaFiles.copyCount(m.get().id());
            if (copies < required) {
                lacking.add(new Lacking(f.relativePath(), copies, copies + " of " + required + " verified copies"));
            }
        }
        for (String u : scan.unreadable()) {
            lacking.add(new Lacking(u, 0, "could not be read on the card"));
        }
        return new Verdict(lacking.isEmpty(), required, scan.media().size(), lacking);
    }
}
