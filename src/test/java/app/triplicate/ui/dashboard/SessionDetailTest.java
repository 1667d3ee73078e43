package app.triplicate.ui.dashboard;

import app.triplicate.catalog.StatusService;
import app.triplicate.core.CopyPolicy;
import app.triplicate.settings.Settings;
import app.triplicate.testing.Cards;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import app.triplicate.testing.WindowOnlyNavigator;
import atlantafx.base.controls.Message;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session view over a real catalog: camera samples ingested to a working drive and an offsite one, one
 * more picture to the working drive only; policy 2 copies, 1 offsite.
 */
class SessionDetailTest extends UiTest {
    private static final CopyPolicy POLICY = new CopyPolicy(2, 1, 2);
    private static final String RP = "canon_eosrp__MG_0635.JPG";
    private static final String RAF = "fujifilm_finepixs5pro_FujiFilm.raf";
    private static final String CR2 = "canon_eos350d_CanonRaw.cr2";
    private static final String POLAROID = "polaroid_pdc640m_POL_0132.JPG";
    private static final String NIKON = "nikon_d3100_DSC_0008.JPG";

    private SessionDetailView view;
    private Path work;
    private String sessionId;
    private final AtomicInteger backToDashboard = new AtomicInteger();

    private AppContext ranch() throws Exception {
        return ranch("Ranch");
    }

    private AppContext ranch(String sessionName) throws Exception {
        work = fixture.drive("Work SSD", "--role", "working");
        fixture.drive("Vault", "--offsite");
        fixture.ingest(fixture.card("shoot", RP, RAF, CR2, POLAROID), "--session", sessionName);
        fixture.ingest(fixture.card("extra", NIKON), "--session", sessionName, "--to", "Work SSD");
        for (var s : fixture.cli().expect(0, "status", "--json").json().get("sessions")) {
            if (s.get("name").asText().equals(sessionName)) {
                sessionId = s.get("id").asText();
            }
        }
        AppContext first = fixture.openContext();
        first.services().settings.save(Settings.defaults().withPolicy(POLICY));
        AppContext context = fixture.openContext(); // reads the settings again
        context.setNavigator(new WindowOnlyNavigator(stage) {
            @Override
            public void showDashboard() {
                backToDashboard.incrementAndGet();
            }
        });
        return context;
    }

    private void open(AppContext context) throws Exception {
        show(context, c -> {
            view = new SessionDetailView(c, sessionId);
            return (Parent) view.node();
        });
        waitUntil("the session and the drives are read", 20, () -> view.idle() && view.visibleRows().size() == 5);
    }

    private Map<String, SessionDetailRow> rowsByName() {
        return view.visibleRows().stream().collect(Collectors.toMap(SessionDetailRow::name, Function.identity()));
    }

    @SuppressWarnings("unchecked")
    private TableRow<SessionDetailRow> row(String name) {
        return lookup("#files-table .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() != null && ((SessionDetailRow) r.getItem()).name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + name));
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    private ImageView thumbnailShown(String name) {
        clickOn(row(name));
        waitUntil("the preview of " + name + " is shown", 15, () -> {
            ImageView v = lookup("#thumbnail").queryAs(ImageView.class);
            return v.getImage() != null && v.isVisible();
        });
        return lookup("#thumbnail").queryAs(ImageView.class);
    }

    private Path copyOnWork(String name) {
        return work.resolve("Triplicate").resolve(rowsByName().get(name).file().libraryPath());
    }

    private StatusService.SessionStatus status(AppContext context) {
        return context.services().status.sessions(POLICY).stream().filter(s -> s.id().equals(sessionId)).findFirst()
                .orElseThrow();
    }

    @Test
    void showsEachFileItsCopiesAndItsPreview() throws Exception {
        open(ranch());

        assertEquals("Ranch", text("#detail-name"));
        Label badge = lookup("#detail-badge").queryAs(Label.class);
        assertEquals("1/2", badge.getText(), "one picture is on the working drive only");
        assertTrue(badge.getStyleClass().contains("badge-bad"));
        assertEquals("5 files", text("#detail-files"));
        assertTrue(text("#detail-reasons").startsWith("Needs attention: 1 file has 1 copy"), text("#detail-reasons"));
        assertTrue(text("#detail-cameras").contains("Canon EOS RP"), text("#detail-cameras"));

        // in capture order: 2005 CR2, 2007 RAF, 2020 RP and Nikon, then the Polaroid dated by its file
        assertEquals(List.of(CR2, RAF, RP, NIKON, POLAROID), view.visibleRows().stream().map(SessionDetailRow::name).toList());
        Map<String, SessionDetailRow> rows = rowsByName();
        assertEquals("Canon EOS RP", rows.get(RP).camera());
        assertEquals("FUJIFILM FinePix S5Pro", rows.get(RAF).camera());
        assertEquals("NIKON D3100", rows.get(NIKON).camera());
        assertEquals("2/2", rows.get(RP).badge());
        assertEquals("1/2", rows.get(NIKON).badge());
        assertTrue(rows.get(POLAROID).captureText().endsWith("(file date)"), rows.get(POLAROID).captureText());
        assertFalse(rows.get(RP).captureText().contains("file date"));

        // what the table shows: the badges, and the file below policy standing out with the reason
        List<String> badges = lookup("#files-table .badge").queryAllAs(Label.class).stream().filter(Label::isVisible)
                .map(Label::getText).sorted().toList();
        assertEquals(List.of("1/2", "2/2", "2/2", "2/2", "2/2"), badges);
        assertTrue(row(NIKON).getStyleClass().contains("below-policy"));
        assertEquals("Below your copy policy: 1 of 2 copies, no offsite copy. Verified on Work SSD.",
                row(NIKON).getTooltip().getText());
        for (String other : List.of(RP, RAF, CR2, POLAROID)) {
            assertFalse(row(other).getStyleClass().contains("below-policy"), other);
            assertNull(row(other).getTooltip(), other);
        }

        // the selected file's copies and preview
        ImageView preview = thumbnailShown(RP);
        assertTrue(preview.getImage().getWidth() > 0);
        assertEquals(SessionDetailView.THUMBNAIL_SIZE, preview.getImage().getWidth(), 0.5,
                "the 1620 px preview, decoded at thumbnail size");
        assertEquals(RP, text("#selected-file-name"));
        TableView<?> copies = lookup("#copies-table").queryAs(TableView.class);
        assertEquals(2, copies.getItems().size());
        List<String> cells = lookup("#copies-table .table-cell").queryAllAs(javafx.scene.control.TableCell.class)
                .stream().map(c -> c.getText()).filter(t -> t != null && !t.isEmpty()).toList();
        assertTrue(cells.contains("Vault (backup, offsite)"), cells.toString());
        assertTrue(cells.contains("Work SSD (working)"), cells.toString());
        assertEquals(2, cells.stream().filter("verified"::equals).count(), cells.toString());
        assertEquals(2, cells.stream().filter("just now"::equals).count(), cells.toString());
        assertEquals(2, cells.stream().filter(rows.get(RP).file().libraryPath()::equals).count(), cells.toString());

        // a RAW's embedded preview; a RAW whose preview is only placeholder text gets the neutral icon
        assertTrue(thumbnailShown(RAF).getImage().getWidth() > 0);
        clickOn(row(CR2));
        waitUntil("the CR2 says it has no preview", 15,
                () -> lookup("#thumbnail-placeholder").query().isVisible()
                        && text("#thumbnail-caption").equals("No preview in this file"));
        assertNull(lookup("#thumbnail").queryAs(ImageView.class).getImage());
        assertEquals(2, lookup("#copies-table").queryAs(TableView.class).getItems().size(),
                "the CR2 is on both drives too");

        clickOn("#detail-back");
        assertEquals(1, backToDashboard.get());
    }

    @Test
    void restoresTheSessionByteForByte() throws Exception {
        String longName = "Ranch " + "with a name far too long for any window ".repeat(4);
        AppContext context = ranch(longName);
        open(context);
        // a long name is cut short, and the badge stays in sight
        Label title = lookup("#detail-name").queryAs(Label.class);
        assertEquals(longName, title.getText());
        assertTrue(title.getWidth() < title.prefWidth(-1), "the name is ellipsized");
        Label badge = lookup("#detail-badge").queryAs(Label.class);
        assertTrue(badge.getWidth() >= badge.prefWidth(-1) - 0.5, "the badge is whole");
        Button back = lookup("#detail-back").queryAs(Button.class);
        assertTrue(back.getWidth() >= back.prefWidth(-1) - 0.5, "the back button is whole");
        assertTrue(badge.localToScene(badge.getBoundsInLocal()).getMaxX() <= stage.getScene().getWidth(),
                "the badge is inside the window");
        Path to = tmp.resolve("restored");
        fx(() -> view.restoreTo(to));
        waitUntil("the restore report is shown", 20, () -> view.idle() && lookup("#restore-result").tryQuery().isPresent());
        Message report = lookup("#restore-result").queryAs(Message.class);
        assertEquals("Restored 5 files to " + to, report.getTitle());
        assertEquals(List.of(CR2, NIKON, POLAROID, RP, RAF).stream().sorted().toList(), Cards.filesUnder(to));
        for (String name : List.of(RP, RAF, CR2, POLAROID, NIKON)) {
            assertArrayEquals(Files.readAllBytes(Cards.samples().resolve(name)), Files.readAllBytes(to.resolve(name)), name);
        }

        // into a drive's library: refused, with the reason
        fx(() -> view.restoreTo(work.resolve("Triplicate/restore-here")));
        waitUntil("the refusal is shown", 20, () -> view.idle()
                && "Nothing was restored".equals(lookup("#restore-result").queryAs(Message.class).getTitle()));
        assertTrue(lookup("#restore-result").queryAs(Message.class).getDescription().contains("Work SSD"));
        assertFalse(Files.exists(work.resolve("Triplicate/restore-here")));
        assertFalse(context.jobs().busy(), "the restore job has ended");
    }

    @Test
    void filesDeletedFromTheWorkingDriveAreAcceptedAsDeleted() throws Exception {
        AppContext context = ranch();
        open(context);
        assertTrue(lookup("#accept-deleted-button").queryAs(Button.class).isDisabled(), "nothing deleted yet");

        Files.delete(copyOnWork(NIKON)); // its only copy
        Files.delete(copyOnWork(RP));    // kept on Vault
        fx(view::reload);
        waitUntil("the deletions are seen", 20, () -> view.idle() && rowsByName().get(RP).acceptableAsDeleted());
        assertEquals("deleted from Work SSD", rowsByName().get(NIKON).notes());
        assertTrue(row(RP).getStyleClass().contains("deleted-from-working"));

        clickOn(row(RP));
        press(KeyCode.CONTROL).clickOn(row(NIKON)).release(KeyCode.CONTROL);
        Button accept = lookup("#accept-deleted-button").queryAs(Button.class);
        assertFalse(accept.isDisabled());
        clickOn(accept);
        waitUntil("the confirmation is shown", 10, () -> lookup("#accept-deleted-dialog").tryQuery().isPresent());
        DialogPane dialog = lookup("#accept-deleted-dialog").queryAs(DialogPane.class);
        assertEquals("Accept 2 files as deleted?", dialog.getHeaderText());
        String words = dialog.getContentText();
        assertTrue(words.startsWith("2 files are no longer on Work SSD, your working drive."), words);
        assertTrue(words.contains("no longer count against your copy policy"), words);
        assertTrue(words.contains("Triplicate deletes nothing"), words);
        assertTrue(words.contains(RP + ": kept on Vault"), words);
        assertTrue(words.contains(NIKON + ": no other verified copy"), words);
        clickOn("#confirm-accept-deleted");
        waitUntil("the files are culled and the view read again", 20,
                () -> view.idle() && rowsByName().get(NIKON).culled() && rowsByName().get(RP).culled());

        assertEquals("2/2", text("#detail-badge"), "the file below policy no longer counts");
        assertTrue(lookup("#detail-badge").queryAs(Label.class).getStyleClass().contains("badge-ok"));
        assertEquals("3 files · 2 culled", text("#detail-files"));
        assertEquals("culled", rowsByName().get(NIKON).badge());
        assertFalse(row(NIKON).getStyleClass().contains("below-policy"));
        assertTrue(row(NIKON).getStyleClass().contains("culled"));
        assertTrue(lookup("#cull-result").queryAs(Message.class).getDescription().startsWith("2 files were accepted"));
        assertTrue(Files.exists(tmp.resolve("drives/Vault/Triplicate").resolve(rowsByName().get(RP).file().libraryPath())),
                "the copy on Vault is kept");

        // the catalog agrees, and so does the view opened again
        StatusService.SessionStatus s = status(context);
        assertEquals(2, s.culledFiles());
        assertEquals(2, s.copyCount());
        assertTrue(s.standing().meetsPolicy());
        open(context);
        assertEquals("2/2", text("#detail-badge"));
        assertEquals("3 files · 2 culled", text("#detail-files"));
        assertTrue(rowsByName().get(NIKON).culled());
        assertTrue(lookup("#accept-deleted-button").queryAs(Button.class).isDisabled());
        assertNotNull(row(RP).getTooltip());
    }
}
