package app.triplicate.verify;

import app.triplicate.catalog.CardRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.core.CopyPolicy;
import app.triplicate.core.MediaFile;
import app.triplicate.core.UsageException;
import app.triplicate.core.Xxh128;
import app.triplicate.files.FileAccess;
import app.triplicate.files.ReadBack;
import app.triplicate.ingest.CardScanner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Is this card safe to format? Every file on it outside system clutter — media files and other files alike — must
 * have at least the policy's copies-before-format verified copies on distinct disks, or be one the user chose to
 * leave; and a card with no pictures or videos is never safe. Files are matched by the quick check (path, size,
 * time seen on a card at ingest) or, with {@code deep}, by re-hashing every file on the card. The window and the
 * command line both end an import with {@link #checkAfterImport}.
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

    /**
     * @param mediaFiles         the card's media files
     * @param otherFiles         the card's files outside system clutter that are not media
     * @param left               the files the user chose to leave on the card (not checked), by card path
     * @param noPicturesOrVideos the card holds no media file, so it is not safe whatever else it holds
     */
    public record Verdict(boolean safe, int required, long mediaFiles, List<Lacking> lacking, long otherFiles,
                          List<String> left, boolean noPicturesOrVideos) {
        public Verdict(boolean safe, int required, long mediaFiles, List<Lacking> lacking) {
            this(safe, required, mediaFiles, lacking, 0, List.of(), false);
        }
    }

    /** The verdict after an import, or why the card could not be checked (pulled out meanwhile, say). */
    public record AfterImport(Verdict verdict, String problem) {
    }

    /** The quick check that ends every import, in the window and on the command line; never throws. */
    public AfterImport checkAfterImport(Path card, CopyPolicy policy) {
        try {
            return new AfterImport(check(card, false, policy), null);
        } catch (RuntimeException e) {
            return new AfterImport(null, e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    public Verdict check(Path card, boolean deep, CopyPolicy policy) {
        return check(card, deep, policy, List.of());
    }

    /**
     * @param leave card paths (relative to the card, or absolute inside it) of files or folders the user chose to
     *              leave: files at or under them need no copies, and the verdict names them. A path that names
     *              no file on the card is refused, so a typo never passes for a choice.
     */
    public Verdict check(Path card, boolean deep, CopyPolicy policy, List<String> leave) {
        CardScanner.Scan scan = new CardScanner().scan(card);
        List<String> chosen = leave.stream().map(l -> cardPath(scan.card(), l)).toList();
        List<CardScanner.ScannedFile> all = scan.files();
        for (int i = 0; i < chosen.size(); i++) {
            String c = chosen.get(i);
            if (all.stream().noneMatch(f -> under(f.relativePath(), c))) {
                throw new UsageException("--leave " + leave.get(i) + ": no file on the card " + scan.card()
                        + " is at or under " + c + " (paths are relative to the card, as card check lists them).");
            }
        }
        int required = policy.copiesBeforeFormat();
        List<String> left = new ArrayList<>();
        List<CardScanner.ScannedFile> checked = new ArrayList<>();
        for (CardScanner.ScannedFile f : all) {
            if (chosen.stream().anyMatch(c -> under(f.relativePath(), c))) {
                left.add(f.relativePath());
            } else {
                checked.add(f);
            }
        }
        left.sort(null);
        Map<String, Long> quick = deep ? Map.of() : cards.quickMatchAll(checked.stream()
                .map(f -> new CardRepository.CardFile(f.relativePath(), f.size(), f.modifiedMillis())).toList());
        List<Lacking> lacking = new ArrayList<>();
        ReadBack reader = new ReadBack(files);
        for (CardScanner.ScannedFile f : checked) {
            Optional<MediaFile> m;
            if (deep) {
                try {
                    Xxh128 hash = reader.hash(f.path(), "card", n -> { }).hash();
                    m = mediaFiles.findByHashAndName(hash, f.path().getFileName().toString()).stream().findFirst();
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
        boolean noMedia = scan.media().isEmpty();
        return new Verdict(lacking.isEmpty() && !noMedia, required, scan.media().size(), lacking,
                scan.others().size(), List.copyOf(left), noMedia);
    }

    /** A {@code --leave} path as a card path: relative, with forward slashes and no trailing slash. */
    private static String cardPath(Path card, String given) {
        String p = given.replace('\\', '/');
        Path asPath = Path.of(given);
        if (asPath.isAbsolute()) {
            Path normal = asPath.toAbsolutePath().normalize();
            if (!normal.startsWith(card)) {
                throw new UsageException("--leave " + given + " is not on the card " + card + ".");
            }
            p = card.relativize(normal).toString().replace('\\', '/');
        }
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The file is the path, or inside the folder of that path; case ignored, as on the cards' file systems. */
    private static boolean under(String file, String chosen) {
        String f = file.toLowerCase(Locale.ROOT);
        String c = chosen.toLowerCase(Locale.ROOT);
        return !c.isEmpty() && (f.equals(c) || f.startsWith(c + "/"));
    }
}
