package app.triplicate.ui;

import app.triplicate.remote.KnownHosts;
import app.triplicate.remote.RemoteSettingsService;
import app.triplicate.remote.S3Settings;
import app.triplicate.remote.S3Store;
import app.triplicate.testing.MainWindows;
import app.triplicate.testing.S3TestServer;
import app.triplicate.testing.SftpTestServer;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Jobs;
import app.triplicate.ui.common.OffsiteUploads;
import app.triplicate.ui.dashboard.SessionRow;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offsite remote through the window, against real servers (Apache MINA SSHD and s3proxy, in-process) and a
 * real catalog: set up in Settings (Test shows an unknown host key's fingerprint, Trust accepts exactly it, Test
 * again is OK), saved, and the background upload sends every session, which the dashboard then shows as
 * "offsite verified", the status bar showing the upload while it runs. Wrong passwords and changed host keys
 * are said in words; secrets are never shown.
 */
class RemoteWindowTest extends UiTest {
    private static final String[] SAMPLES = {"canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG",
            "apple_iphonexr_IMG_3581.JPG"};

    private MainWindow window;
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        if (window != null) {
            fx(window::dispose);
        }
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private SftpTestServer sftpServer() throws Exception {
        Files.createDirectories(tmp.resolve("served/backup"));
        SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start();
        servers.add(server);
        return server;
    }

    /** Two drives and a card of three pictures in two sessions, ingested through the command line. */
    private void library() throws Exception {
        fixture.drive("Work SSD", "--role", "working");
        fixture.drive("Backup A");
        fixture.ingest(fixture.card("EOS_DIGITAL", SAMPLES));
    }

    @Test
    void anSftpRemoteSetUpInSettingsIsTrustedByItsFingerprintAndEverySessionGoesOffsite() throws Exception {
        SftpTestServer server = sftpServer();
        library();
        AppContext context = fixture.openContext();
        List<String> jobNames = new CopyOnWriteArrayList<>();
        List<String> workTexts = new CopyOnWriteArrayList<>();
        AtomicInteger mostUploadsAtOnce = new AtomicInteger();
        window = MainWindows.show(context, stage);
        fx(() -> {
            context.jobs().running().addListener((ListChangeListener<Jobs.Job>) c -> {
                c.getList().forEach(j -> jobNames.add(j.name()));
                mostUploadsAtOnce.accumulateAndGet((int) c.getList().stream()
                        .filter(j -> j.name().equals(OffsiteUploads.JOB_NAME)).count(), Math::max);
            });
            lookup("#status-work").queryAs(Label.class).textProperty().addListener((o, a, b) -> workTexts.add(b));
        });
        waitUntil("the dashboard shows both sessions", 20, () -> window.dashboard().allRows().size() == 2);
        assertTrue(window.dashboard().allRows().stream().allMatch(r -> r.offsite().equals("none")),
                "nothing is offsite before a remote is set");

        clickOn("#nav-settings");
        waitUntil("the remote's form is shown", 10, () -> present("#remote-host"));
        assertTrue(text("#remote-state").startsWith("No remote is set"), text("#remote-state"));
        reveal("#remote-host");
        clickOn("#remote-host").write("127.0.0.1");
        set("#remote-port", String.valueOf(server.port()));
        set("#remote-user", SftpTestServer.USER);
        set("#remote-folder", "/backup");
        set("#remote-password", SftpTestServer.PASSWORD);

        // Test: the server is not known yet; its fingerprint is shown with a Trust button
        press("#remote-test");
        waitUntil("the host key is shown", 20, () -> lookup("#remote-host-key").query().isVisible());
        String fingerprint = KnownHosts.fingerprint(server.hostKey());
        assertTrue(text("#remote-fingerprint").contains(fingerprint), text("#remote-fingerprint"));
        assertTrue(text("#remote-result").contains("not known yet"), text("#remote-result"));
        Path knownHosts = fixture.home().resolve("config/known_hosts");
        assertFalse(Files.exists(knownHosts), "nothing is trusted before the user says so");

        // Trust: exactly that key, then Test again: OK
        press("#remote-trust");
        waitUntil("the test passes", 20, () -> text("#remote-result").startsWith("OK: "));
        assertTrue(text("#remote-result").contains("127.0.0.1"), text("#remote-result"));
        assertFalse(lookup("#remote-host-key").query().isVisible());
        assertTrue(Files.readString(knownHosts).contains("127.0.0.1"), "the key is in Triplicate's known hosts");
        assertFalse(Files.exists(fixture.home().resolve("config/remote.json")), "Test saves nothing");

        // Save: the remote is set, its password stored apart and never shown; the upload starts
        press("#remote-save");
        waitUntil("it is saved", 10, () -> text("#remote-result").startsWith("Saved: "));
        assertEquals("", lookup("#remote-password").queryAs(PasswordField.class).getText());
        assertTrue(lookup("#remote-password").queryAs(PasswordField.class).getPromptText().startsWith("stored"));
        assertFalse(Files.readString(fixture.home().resolve("config/remote.json")).contains(SftpTestServer.PASSWORD));

        waitUntil("the background upload ends", 60, () -> context.offsite().runsProperty().get() >= 2
                && !context.offsite().activeProperty().get());
        assertTrue(jobNames.contains(OffsiteUploads.JOB_NAME), "the upload ran as a job: " + jobNames);
        assertTrue(workTexts.stream().anyMatch(t -> t.startsWith("Uploading offsite")),
                "the status bar showed the upload: " + workTexts);
        assertEquals(1, mostUploadsAtOnce.get(), "never two uploads at once");
        waitUntil("the last upload's outcome is shown", 10, () -> text("#remote-last-upload")
                .startsWith("Last upload: Offsite copies up to date"));
        assertTrue(text("#remote-last-upload").contains("3 files sent to sftp://photo@127.0.0.1:" + server.port()),
                text("#remote-last-upload"));

        clickOn("#nav-sessions");
        waitUntil("every session is offsite verified", 20, () -> window.dashboard().allRows().stream()
                .allMatch(r -> r.offsite().equals("offsite verified")));
        SessionRow row = window.dashboard().allRows().get(0);
        assertTrue(row.offsiteTooltip().startsWith("Every file has a verified copy on Remote sftp://"),
                row.offsiteTooltip());
        assertEquals("Idle", text("#status-work"));
        assertFalse(lookup("#status-offsite").query().isVisible(), "no problem to show");
        try (Stream<Path> onServer = Files.walk(tmp.resolve("served/backup"))) {
            assertEquals(3, onServer.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains(".triplicate"))
                    .filter(p -> !p.toString().contains("/ascmhl/")).count(), "the three pictures are on the server");
        }

        // the session view lists the remote's copy next to the drives', as offsite, checked by reading it back
        fx(() -> context.navigator().showSession(row.id()));
        waitUntil("the session's files are listed", 20, () -> present("#files-table")
                && !lookup("#files-table").queryAs(TableView.class).getItems().isEmpty());
        // once the view has read the drives too, a click on the file lists its copies
        for (int i = 0; i < 40 && lookup("#copies-table").queryAs(TableView.class).getItems().size() != 3; i++) {
            lookup("#files-table .table-row-cell").queryAllAs(TableRow.class).stream()
                    .filter(r -> r.getItem() != null).findFirst().ifPresent(r -> clickOn((Node) r));
            Thread.sleep(500);
        }
        assertEquals(3, lookup("#copies-table").queryAs(TableView.class).getItems().size(), "three copies listed");
        List<String> cells = lookup("#copies-table .table-cell").queryAllAs(TableCell.class).stream()
                .map(TableCell::getText).filter(t -> t != null && !t.isEmpty()).toList();
        assertTrue(cells.contains("Remote sftp://photo@127.0.0.1:" + server.port() + "/backup (remote, offsite)"),
                cells.toString());
        assertEquals(3, cells.stream().filter("verified"::equals).count(), cells.toString());

        // the Drives view lists the two drives, not the remote (Settings shows it)
        clickOn("#nav-drives");
        waitUntil("the drives are listed", 20, () -> windowText().contains("Backup A"));
        assertFalse(shownText().contains("sftp://"), "the remote is not a drive: " + shownText());

        // the password is never in the window's text
        clickOn("#nav-settings");
        waitUntil("the remote's settings are loaded", 10, () -> text("#remote-host").equals("127.0.0.1"));
        assertEquals(String.valueOf(server.port()), text("#remote-port"));
        assertTrue(text("#remote-state").startsWith("Offsite remote: sftp://photo@127.0.0.1:"), text("#remote-state"));
        assertFalse(windowText().contains(SftpTestServer.PASSWORD), "the password is never shown");
    }

    @Test
    void aWrongPasswordAndAChangedHostKeyAreSaidInWords() throws Exception {
        SftpTestServer server = sftpServer();
        fixture.drive("Work SSD"); // past the first-run setup
        AppContext context = fixture.openContext();
        window = MainWindows.show(context, stage);
        clickOn("#nav-settings");
        waitUntil("the remote's form is shown", 10, () -> present("#remote-host"));
        set("#remote-host", "127.0.0.1");
        set("#remote-port", String.valueOf(server.port()));
        set("#remote-user", SftpTestServer.USER);
        set("#remote-folder", "backup");
        set("#remote-password", "not the password");
        press("#remote-test");
        waitUntil("the host key is shown", 20, () -> lookup("#remote-host-key").query().isVisible());
        press("#remote-trust");
        waitUntil("the test fails on the password", 20, () -> lookup("#remote-result").query().isVisible()
                && text("#remote-result").contains("refused"));
        assertTrue(text("#remote-result").contains("check the user name and the password"), text("#remote-result"));
        assertFalse(windowText().contains("not the password"), "the secret is never shown");

        // a field left wrong is named, nothing is saved
        set("#remote-port", "twenty-two");
        press("#remote-save");
        waitUntil("the port is named", 10, () -> text("#remote-result").startsWith("The SFTP port must be a number"));
        assertFalse(Files.exists(fixture.home().resolve("config/remote.json")));

        // the server comes back with another key: a warning, and nothing to trust here
        set("#remote-port", String.valueOf(server.port()));
        set("#remote-password", SftpTestServer.PASSWORD);
        server.restartWithHostKey(tmp.resolve("other-hostkey"));
        press("#remote-test");
        waitUntil("the change is shown", 20, () -> text("#remote-result").contains("has CHANGED"));
        assertFalse(lookup("#remote-host-key").query().isVisible(), "a changed key offers no Trust button");
    }

    @Test
    void whenTheWindowOpensItUploadsAndAFailureIsSaidInTheStatusBar() throws Exception {
        SftpTestServer server = sftpServer();
        library();
        // set and trusted through the command line, then the server's key changes before the window opens
        fixture.cli().withInput(SftpTestServer.PASSWORD + "\n").expect(0, "remote", "set",
                "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/backup", "--password-stdin");
        new KnownHosts(fixture.home().resolve("config/known_hosts")).trust("127.0.0.1", server.port(), server.hostKey());
        server.restartWithHostKey(tmp.resolve("other-hostkey"));

        AppContext context = fixture.openContext();
        window = MainWindows.show(context, stage);
        waitUntil("the upload on opening ends", 30, () -> context.offsite().runsProperty().get() >= 1
                && !context.offsite().activeProperty().get());
        waitUntil("the status bar says why it stopped", 10, () -> lookup("#status-offsite").query().isVisible());
        String said = text("#status-offsite");
        assertTrue(said.startsWith("Offsite upload stopped: WARNING: the host key of the SFTP server"), said);
        assertTrue(said.contains("has CHANGED"), said);
        assertFalse(said.contains("Exception") || said.contains("\tat "), "words, not a stack trace: " + said);
        assertTrue(lookup(n -> n instanceof Label l && "Offsite upload stopped".equals(l.getText())).tryQuery()
                .isPresent(), "a notification says so too");
        assertTrue(window.dashboard().allRows().stream().allMatch(r -> r.offsite().equals("none")));

        // the user checks the new key and trusts it: the next request uploads everything (slowly here, one file
        // at a time, so the live figures show); requests while it runs queue one more run, never two at once
        RemoteSettingsService remotes = context.services().remoteSettings;
        remotes.trust(KnownHosts.fingerprint(server.hostKey()));
        AtomicInteger most = new AtomicInteger();
        List<String> offsiteSeen = new CopyOnWriteArrayList<>();
        List<String> workTexts = new CopyOnWriteArrayList<>();
        fx(() -> {
            context.offsite().limit(1_000_000, 1);
            window.dashboard().allRows().addListener((ListChangeListener<SessionRow>) c ->
                    c.getList().forEach(r -> offsiteSeen.add(r.offsite())));
            lookup("#status-work").queryAs(Label.class).textProperty().addListener((o, a, b) -> workTexts.add(b));
            context.jobs().running().addListener((ListChangeListener<Jobs.Job>) c -> most.accumulateAndGet(
                    (int) c.getList().stream().filter(j -> j.name().equals(OffsiteUploads.JOB_NAME)).count(),
                    Math::max));
            context.offsite().request();
            context.offsite().request();
            context.offsite().request();
        });
        waitUntil("the upload and the one queued after it end", 60, () -> context.offsite().runsProperty().get() >= 3
                && !context.offsite().activeProperty().get());
        assertEquals(3, context.offsite().runsProperty().get(), "three requests at once: one run and one after it");
        assertEquals(1, most.get());
        waitUntil("every session is offsite verified", 20, () -> window.dashboard().allRows().size() == 2
                && window.dashboard().allRows().stream().allMatch(r -> r.offsite().equals("offsite verified")));
        assertFalse(lookup("#status-offsite").query().isVisible(), "the problem is gone once it uploads");
        assertTrue(offsiteSeen.stream().anyMatch(o -> o.matches("uploading [1-9][0-9]?%")),
                "a session showed its upload live: " + offsiteSeen);
        assertTrue(workTexts.stream().anyMatch(t -> t.matches("Uploading offsite: [12] of 3 files, [0-9.]+ [kM]B/s, [0-9:]+ left")),
                "the status bar counted files and showed the rate: " + workTexts);
    }

    @Test
    void anImportThroughTheWindowGoesOffsiteWhenItEnds() throws Exception {
        SftpTestServer server = sftpServer();
        fixture.drive("Work SSD", "--role", "working");
        fixture.drive("Backup A");
        fixture.cli().withInput(SftpTestServer.PASSWORD + "\n").expect(0, "remote", "set",
                "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/backup", "--password-stdin");
        new KnownHosts(fixture.home().resolve("config/known_hosts")).trust("127.0.0.1", server.port(), server.hostKey());
        Path card = fixture.card("EOS_DIGITAL", SAMPLES);

        AppContext context = fixture.openContext();
        window = MainWindows.show(context, stage);
        waitUntil("the upload on opening ends (nothing to send)", 30, () -> context.offsite().runsProperty().get() >= 1
                && !context.offsite().activeProperty().get());
        assertEquals("Offsite copies up to date.", context.offsite().lastOutcomeProperty().get());

        fx(() -> window.importFrom(card));
        waitUntil("the proposed sessions are shown", 30, () -> present("#session-name-0"));
        waitUntil("import can start", 10, () -> !lookup("#import-start").queryButton().isDisabled());
        clickOn("#import-start");
        waitUntil("the import ends", 60, () -> present("#card-verdict"));
        waitUntil("the upload after the import ends", 60, () -> context.offsite().runsProperty().get() >= 2
                && !context.offsite().activeProperty().get());
        assertTrue(context.offsite().lastOutcomeProperty().get().startsWith("Offsite copies up to date: 3 files sent"),
                context.offsite().lastOutcomeProperty().get());
        waitUntil("every session is offsite verified", 20, () -> window.dashboard().allRows().size() == 2
                && window.dashboard().allRows().stream().allMatch(r -> r.offsite().equals("offsite verified")));
    }

    @Test
    void closingDuringAnUploadAsksThenStopsItAndStartsNoOther() throws Exception {
        SftpTestServer server = sftpServer();
        library();
        fixture.cli().withInput(SftpTestServer.PASSWORD + "\n").expect(0, "remote", "set",
                "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/backup", "--password-stdin");
        new KnownHosts(fixture.home().resolve("config/known_hosts")).trust("127.0.0.1", server.port(), server.hostKey());
        AppContext context = fixture.openContext();
        context.offsite().limit(200_000, 1); // slow: the upload is still running when the user closes
        window = MainWindows.show(context, stage);
        waitUntil("the upload on opening runs", 20, () -> text("#status-work").startsWith("Uploading offsite: 0 of 3"));

        fx(() -> window.requestClose());
        waitUntil("the question is shown", 5, () -> lookup("Stop and close").tryQuery().isPresent());
        assertTrue(lookup(".dialog-pane .header-panel .label").queryAs(Label.class).getText()
                .startsWith(OffsiteUploads.JOB_NAME), "the question names the upload");
        fx(() -> context.offsite().request()); // an import ending now would ask for another upload
        clickOn("Stop and close");
        waitUntil("the window closes once the upload has stopped", 20, () -> !stage.isShowing());
        assertTrue(context.offsite().lastOutcomeProperty().get().startsWith("Offsite upload stopped"),
                context.offsite().lastOutcomeProperty().get());
        assertFalse(context.jobs().busy());
        Thread.sleep(500);
        assertFalse(context.offsite().activeProperty().get(), "no upload starts after the user chose to close");
        assertEquals(1, context.offsite().runsProperty().get());
    }

    @Test
    void anS3RemoteIsSetUpWithHttpAllowedOnlyForALocalAddress() throws Exception {
        try (S3TestServer s3 = S3TestServer.start(tmp.resolve("s3"), "studio")) {
            fixture.drive("Work SSD");
            AppContext context = fixture.openContext();
            window = MainWindows.show(context, stage);
            clickOn("#nav-settings");
            waitUntil("the remote's form is shown", 10, () -> present("#remote-kind-s3"));
            press("#remote-kind-s3");
            assertTrue(shown("#remote-bucket"));
            assertFalse(shown("#remote-host"), "the SFTP fields are hidden");

            // a preset fills the endpoint from the region
            set("#remote-region", "eu-central-003");
            assertEquals("https://s3.eu-central-003.backblazeb2.com", text("#remote-endpoint"));

            fx(() -> lookup("#remote-preset").queryAs(ComboBox.class).getSelectionModel()
                    .select(RemoteSettingsService.S3Preset.OTHER));
            assertTrue(lookup("#remote-path-style").queryAs(CheckBox.class).isSelected(), "MinIO and others: path-style");
            set("#remote-endpoint", "http://s3.example.com");
            assertTrue(lookup("#remote-allow-http").query().isDisabled(), "plain HTTP only for a local address");
            set("#remote-endpoint", s3.endpoint().toString());
            assertFalse(lookup("#remote-allow-http").query().isDisabled());
            set("#remote-region", S3TestServer.REGION);
            set("#remote-bucket", "studio");
            set("#remote-prefix", "triplicate");
            set("#remote-access-key", S3TestServer.ACCESS_KEY);
            set("#remote-secret", S3TestServer.SECRET);

            press("#remote-save");
            waitUntil("plain HTTP not allowed yet is named", 10, () -> text("#remote-result").contains("plain HTTP"));
            press("#remote-allow-http");
            press("#remote-save");
            waitUntil("it is saved", 10, () -> text("#remote-result").startsWith("Saved: s3://studio/triplicate at "));
            press("#remote-test");
            waitUntil("the test passes", 30, () -> text("#remote-result").startsWith("OK: s3://studio/triplicate"));
            // the bucket's versioning warning, as the store itself gives it (s3proxy keeps no versions)
            Optional<String> expected;
            try (S3Store store = new S3Store(S3Settings.minio(s3.endpoint(), "studio", "triplicate",
                    S3TestServer.ACCESS_KEY, S3TestServer.SECRET, true))) {
                expected = store.versioningWarning();
            }
            assertEquals(expected.map(w -> "Warning: " + w).orElse(""), text("#remote-warning"));
            assertTrue(expected.isPresent(), "s3proxy's bucket keeps no versions: a warning is due");
            assertTrue(lookup("#remote-secret").queryAs(PasswordField.class).getPromptText().startsWith("stored"));
            assertFalse(windowText().contains(S3TestServer.SECRET), "the secret is never shown");
            assertEquals(S3TestServer.SECRET, Files.readString(fixture.home().resolve("config/secrets/remote")));
            String shown = fixture.cli().expect(0, "remote", "show").out();
            assertTrue(shown.contains("s3://studio/triplicate at " + s3.endpoint()), shown);
            assertTrue(shown.contains("plain HTTP allowed"), shown);
        }
    }

    // ---- helpers ----

    private String text(String query) {
        Node n = lookup(query).query();
        return n instanceof Labeled l ? l.getText() : ((TextInputControl) n).getText();
    }

    /** The node and every node it is in are visible. */
    private boolean shown(String query) {
        for (Node n = lookup(query).query(); n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private boolean present(String query) {
        return lookup(query).tryQuery().isPresent();
    }

    private void set(String query, String value) {
        TextInputControl field = lookup(query).queryAs(TextInputControl.class);
        fx(() -> field.setText(value));
    }

    /** Scrolls the settings page so the node is in view, then clicks it as the user would. */
    private void press(String query) {
        reveal(query);
        clickOn(query);
    }

    /** Every text the window shows now: labels, buttons, fields (not password fields' hidden values). */
    private String windowText() {
        StringBuilder b = new StringBuilder();
        collect(window.root(), b, false);
        return b.toString();
    }

    /** The texts of what is visible now. */
    private String shownText() {
        StringBuilder b = new StringBuilder();
        collect(window.root(), b, true);
        return b.toString();
    }

    private static void collect(Node n, StringBuilder b, boolean visibleOnly) {
        if (visibleOnly && !n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null) {
            b.append(l.getText()).append('\n');
        }
        if (n instanceof TextInputControl t && !(t instanceof PasswordField)) {
            b.append(t.getText()).append('\n');
        }
        if (n instanceof javafx.scene.control.Control c && c.getTooltip() != null) {
            b.append(c.getTooltip().getText()).append('\n');
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, b, visibleOnly);
            }
        }
    }
}
