package app.triplicate.ui.settings;

import app.triplicate.core.CannotRunException;
import app.triplicate.core.UsageException;
import app.triplicate.remote.RemoteConfig;
import app.triplicate.remote.RemoteException;
import app.triplicate.remote.RemoteSettingsService;
import app.triplicate.remote.RemoteSettingsService.HostKey;
import app.triplicate.remote.RemoteSettingsService.S3Preset;
import app.triplicate.remote.RemoteSettingsService.TestResult;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Formats;
import app.triplicate.ui.common.Icons;
import atlantafx.base.theme.Styles;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The offsite remote in Settings: an SFTP server or S3-compatible storage, with Save and Test. Test checks
 * the settings as typed (saved or not) off the JavaFX thread and says what happened in words; an SFTP server
 * not known yet shows its host key's fingerprint with "Trust this key" (which trusts exactly that key, then
 * tests again); a changed key shows a warning and nothing to trust. A stored password or secret is never
 * shown: its field says "stored" and, left empty, keeps it. The same checks as {@code remote set} apply
 * ({@link RemoteSettingsService}).
 */
final class RemoteEditor {
    static final String STORED = "stored (leave empty to keep it)";

    private final AppContext context;
    private final VBox root = new VBox(10);
    private final ToggleGroup kind = new ToggleGroup();
    private final ToggleButton sftp = new ToggleButton("SFTP server");
    private final ToggleButton s3 = new ToggleButton("S3-compatible");
    private final VBox sftpForm;
    private final VBox s3Form;
    // SFTP
    private final TextField host = field("remote-host", "nas.local or 192.168.1.20", 18);
    private final TextField port = field("remote-port", "22", 5);
    private final TextField user = field("remote-user", "photo", 12);
    private final TextField folder = field("remote-folder", "/volume1/backup", 18);
    private final TextField keyFile = field("remote-key", "none: sign in with the password", 18);
    private final PasswordField password = new PasswordField();
    // S3
    private final ComboBox<S3Preset> preset = new ComboBox<>(FXCollections.observableArrayList(S3Preset.values()));
    private final TextField region = field("remote-region", "eu-central-003", 14);
    private final TextField endpoint = field("remote-endpoint", "https://s3.eu-central-003.backblazeb2.com", 24);
    private final TextField bucket = field("remote-bucket", "my-photos", 14);
    private final TextField prefix = field("remote-prefix", "optional folder in the bucket", 14);
    private final TextField accessKey = field("remote-access-key", "key id", 18);
    private final PasswordField secret = new PasswordField();
    private final CheckBox pathStyle = new CheckBox("Bucket in the path (MinIO, most NAS servers)");
    private final CheckBox allowHttp = new CheckBox("Allow plain HTTP (only for a server on your own network)");
    // actions and what they found
    private final Button save = new Button("Save remote", Icons.of(Material2OutlinedMZ.SAVE));
    private final Button test = new Button("Test", Icons.of(Material2OutlinedMZ.NETWORK_CHECK));
    private final Label state = new Label();
    private final Label result = new Label();
    private final Label warning = new Label();
    private final Label fingerprint = new Label();
    private final Button trust = new Button("Trust this key", Icons.of(Material2OutlinedMZ.VPN_KEY));
    private final VBox hostKeyBox;
    private final Label lastUpload = new Label();
    private boolean busy;
    /** The kind saved now, for the secret's "stored" placeholder: a secret belongs to the kind it was given for. */
    private String savedKind;
    private boolean secretStored;
    private HostKey shownKey;

    RemoteEditor(AppContext context) {
        this.context = context;
        sftp.setId("remote-kind-sftp");
        s3.setId("remote-kind-s3");
        sftp.setToggleGroup(kind);
        s3.setToggleGroup(kind);
        sftp.getStyleClass().add(Styles.LEFT_PILL);
        s3.getStyleClass().add(Styles.RIGHT_PILL);
        sftp.setSelected(true);
        kind.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);
                return;
            }
            showKind();
        });

        password.setId("remote-password");
        secret.setId("remote-secret");
        password.setPrefColumnCount(14);
        secret.setPrefColumnCount(18);
        Button chooseKey = new Button("Choose...");
        chooseKey.setId("remote-key-choose");
        chooseKey.setOnAction(e -> chooseKey());
        keyFile.setTooltip(new Tooltip("A private key file (OpenSSH format). Its public half must be in the server's "
                + "authorized_keys. Leave empty to sign in with the password."));
        port.setText("22");
        GridPane sftpGrid = grid();
        row(sftpGrid, 0, "Host", inline(host, "Port", port));
        row(sftpGrid, 1, "User", user);
        row(sftpGrid, 2, "Base folder", folder);
        row(sftpGrid, 3, "Key file", new HBox(8, keyFile, chooseKey));
        row(sftpGrid, 4, "Password", password);
        Label sftpHint = hint("The base folder must exist on the server; files go under it in the same folders "
                + "as on your drives.");
        sftpForm = new VBox(8, sftpGrid, sftpHint);

        preset.setId("remote-preset");
        preset.setConverter(new StringConverter<>() {
            @Override
            public String toString(S3Preset p) {
                return p == null ? "" : p.label();
            }

            @Override
            public S3Preset fromString(String s) {
                return null;
            }
        });
        preset.getSelectionModel().select(S3Preset.BACKBLAZE_B2);
        preset.valueProperty().addListener((o, a, p) -> presetChosen());
        region.textProperty().addListener((o, a, b) -> fillEndpoint());
        endpoint.textProperty().addListener((o, a, b) -> httpAllowedFor(b));
        pathStyle.setId("remote-path-style");
        allowHttp.setId("remote-allow-http");
        allowHttp.setTooltip(new Tooltip("Plain HTTP sends your files unencrypted: Triplicate allows it only for an "
                + "endpoint on your own network (a loopback or private address)."));
        GridPane s3Grid = grid();
        row(s3Grid, 0, "Service", preset);
        row(s3Grid, 1, "Region", region);
        row(s3Grid, 2, "Endpoint", endpoint);
        row(s3Grid, 3, "Bucket", inline(bucket, "Prefix", prefix));
        row(s3Grid, 4, "Access key", accessKey);
        row(s3Grid, 5, "Secret key", secret);
        s3Form = new VBox(8, s3Grid, pathStyle, allowHttp, hint("A ransomware-safe bucket keeps versions (or has "
                + "object lock), and its key cannot delete. Triplicate never deletes or overwrites there."));
        presetChosen();
        httpAllowedFor(endpoint.getText());

        save.setId("remote-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.setOnAction(e -> save());
        test.setId("remote-test");
        test.setTooltip(new Tooltip("Connects with the settings above (saved or not), writes a small probe in "
                + "Triplicate's own folder there, reads it back and removes it."));
        test.setOnAction(e -> test());
        state.setId("remote-state");
        state.setWrapText(true);
        state.getStyleClass().add("muted");
        result.setId("remote-result");
        result.setWrapText(true);
        warning.setId("remote-warning");
        warning.setWrapText(true);
        warning.getStyleClass().add(Styles.WARNING);
        warning.setGraphic(Icons.of(Material2OutlinedMZ.WARNING));
        collapseWhenEmpty(warning);
        collapseWhenEmpty(result);
        fingerprint.setId("remote-fingerprint");
        fingerprint.setWrapText(true);
        trust.setId("remote-trust");
        trust.setOnAction(e -> trust());
        hostKeyBox = new VBox(6, fingerprint, trust);
        hostKeyBox.setId("remote-host-key");
        hostKeyBox.setVisible(false);
        hostKeyBox.managedProperty().bind(hostKeyBox.visibleProperty());
        lastUpload.setId("remote-last-upload");
        lastUpload.setWrapText(true);
        lastUpload.getStyleClass().add("muted");
        lastUpload.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String o = context.offsite().lastOutcomeProperty().get();
            return context.offsite().activeProperty().get() ? "Uploading now (see the status bar)."
                    : o.isEmpty() ? "" : "Last upload: " + o;
        }, context.offsite().lastOutcomeProperty(), context.offsite().activeProperty()));
        collapseWhenEmpty(lastUpload);

        HBox buttons = new HBox(10, save, test);
        buttons.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(state, new HBox(0, sftp, s3), sftpForm, s3Form, buttons, result, warning,
                hostKeyBox, lastUpload);
        root.setId("remote-editor");
        showKind();
        load();
    }

    Node node() {
        return root;
    }

    // ---- the form ----

    private static TextField field(String id, String prompt, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        HBox.setHgrow(f, Priority.ALWAYS);
        return f;
    }

    /** Two fields on one line, the second with its own label that never shrinks to "...". */
    private static HBox inline(TextField first, String label, TextField second) {
        Label l = new Label(label);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        second.setMinWidth(70);
        HBox box = new HBox(8, first, l, second);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        return g;
    }

    private static void row(GridPane g, int r, String label, Node field) {
        Label l = new Label(label);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.add(l, 0, r);
        g.add(field, 1, r);
        GridPane.setHgrow(field, Priority.ALWAYS);
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("muted", Styles.TEXT_SMALL);
        l.setWrapText(true);
        return l;
    }

    private static void collapseWhenEmpty(Label l) {
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
    }

    private boolean isSftp() {
        return kind.getSelectedToggle() == sftp;
    }

    private void showKind() {
        sftpForm.setVisible(isSftp());
        sftpForm.setManaged(isSftp());
        s3Form.setVisible(!isSftp());
        s3Form.setManaged(!isSftp());
        hostKeyBox.setVisible(false);
        if (!busy) {
            setResult("", false); // what a test found was about the other kind
            warning.setText("");
        }
        updatePlaceholders();
    }

    private void updatePlaceholders() {
        boolean stored = secretStored && (isSftp() ? RemoteConfig.SFTP : RemoteConfig.S3).equals(savedKind);
        password.setPromptText(stored ? STORED : "the SFTP password");
        secret.setPromptText(stored ? STORED : "the secret for this key");
    }

    private void presetChosen() {
        S3Preset p = preset.getValue() == null ? S3Preset.OTHER : preset.getValue();
        endpoint.setEditable(p == S3Preset.OTHER);
        pathStyle.setSelected(p.pathStyle());
        region.setPromptText(p.exampleRegion());
        endpoint.setPromptText(p == S3Preset.OTHER ? "https://minio.example.org:9000" : "filled in from the region");
        fillEndpoint();
    }

    private void fillEndpoint() {
        S3Preset p = preset.getValue();
        if (p != null && p != S3Preset.OTHER) {
            endpoint.setText(p.endpoint(region.getText()).orElse(""));
        }
    }

    private void httpAllowedFor(String url) {
        boolean local = RemoteSettingsService.looksLocalHttp(url);
        allowHttp.setDisable(!local);
        if (!local) {
            allowHttp.setSelected(false);
        }
    }

    private void chooseKey() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose the private key for the SFTP server");
        File home = new File(System.getProperty("user.home"), ".ssh");
        if (home.isDirectory()) {
            chooser.setInitialDirectory(home);
        }
        File f = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (f != null) {
            keyFile.setText(f.getAbsolutePath());
        }
    }

    /** What the form holds, read on the JavaFX thread; checked and turned into a config off it. */
    private record Form(boolean sftp, String host, String port, String user, String folder, String keyFile,
                        String password, S3Preset preset, String region, String endpoint, String bucket, String prefix,
                        String accessKey, String secret, boolean pathStyle, boolean allowHttp) {

        RemoteConfig config(RemoteSettingsService service) {
            if (sftp) {
                return service.sftp(host, port, user, folder, keyFile.isBlank() ? null : Path.of(keyFile.strip()));
            }
            return service.s3(endpoint, region, bucket, prefix, accessKey, pathStyle, allowHttp);
        }

        /** The password or secret typed, if any; never shown, never logged. */
        Optional<String> typedSecret() {
            String s = sftp ? password : secret;
            return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
        }

        @Override
        public String toString() {
            return "Form[secret hidden]";
        }
    }

    private Form form() {
        return new Form(isSftp(), host.getText(), port.getText(), user.getText(), folder.getText(), keyFile.getText(),
                password.getText(), preset.getValue(), region.getText(), endpoint.getText(), bucket.getText(),
                prefix.getText(), accessKey.getText(), secret.getText(), pathStyle.isSelected(), allowHttp.isSelected());
    }

    private void load() {
        context.background().run(() -> context.services().remoteSettings.current(), current -> {
            secretStored = current.secretStored();
            savedKind = current.config().map(RemoteConfig::kind).orElse(null);
            current.config().ifPresentOrElse(this::fill, () -> state.setText("No remote is set: one copy of every "
                    + "session should leave the building. Set an SFTP server (a NAS at a friend's) or S3-compatible "
                    + "storage (Backblaze B2, Wasabi, Amazon S3, MinIO)."));
            updatePlaceholders();
            describeState(current.config().orElse(null));
        }, e -> state.setText("The remote's settings cannot be read: " + e.getMessage()));
    }

    private void fill(RemoteConfig c) {
        if (RemoteConfig.SFTP.equals(c.kind())) {
            sftp.setSelected(true);
            host.setText(c.host());
            port.setText(String.valueOf(c.port()));
            user.setText(c.user());
            folder.setText(c.path());
            keyFile.setText(c.keyFile() == null ? "" : c.keyFile());
        } else {
            s3.setSelected(true);
            S3Preset p = S3Preset.of(c.endpoint(), c.region());
            preset.getSelectionModel().select(p);
            region.setText(c.region());
            endpoint.setText(c.endpoint());
            bucket.setText(c.bucket());
            prefix.setText(c.path());
            accessKey.setText(c.accessKey());
            pathStyle.setSelected(c.pathStyle());
            httpAllowedFor(c.endpoint());
            allowHttp.setSelected(c.allowHttp());
        }
        showKind();
    }

    /** "Offsite remote: sftp://... · last reached 5 minutes ago", off the JavaFX thread for the catalog. */
    private void describeState(RemoteConfig c) {
        if (c == null) {
            return;
        }
        context.background().run(() -> context.services().remoteSettings.remoteLocation(), location -> {
            String seen = location.filter(l -> l.lastSeenAt() != null)
                    .map(l -> "; last reached " + Formats.relative(l.lastSeenAt(), context.clock().instant()))
                    .orElse("; nothing uploaded yet");
            state.setText("Offsite remote: " + c.describe() + seen + ". It counts as an offsite copy once a file is "
                    + "verified there; it is not one of your drives.");
        }, e -> state.setText("Offsite remote: " + c.describe() + "."));
    }

    // ---- Save, Test, Trust ----

    private void save() {
        Form f = form();
        run(() -> {
            RemoteSettingsService service = context.services().remoteSettings;
            RemoteConfig c = f.config(service);
            service.save(c, f.typedSecret());
            return c;
        }, c -> {
            password.clear();
            secret.clear();
            secretStored = !(RemoteConfig.SFTP.equals(c.kind()) && c.keyFile() != null);
            savedKind = c.kind();
            updatePlaceholders();
            setResult("Saved: " + c.describe() + ". Triplicate uploads to it in the background after each import."
                    + " Press Test to check it can reach it and write there.", false);
            describeState(c);
            context.offsite().request();
        });
    }

    private void test() {
        Form f = form();
        hostKeyBox.setVisible(false);
        warning.setText("");
        setResult("Testing...", false);
        run(() -> {
            RemoteSettingsService service = context.services().remoteSettings;
            return service.test(f.config(service), f.typedSecret());
        }, this::showTest);
    }

    private void showTest(TestResult r) {
        warning.setText(r.warning().map(w -> "Warning: " + w).orElse(""));
        switch (r.outcome()) {
            case OK -> {
                hostKeyBox.setVisible(false);
                setResult("OK: " + r.message(), false);
                result.setGraphic(Icons.of(Material2OutlinedAL.CHECK_CIRCLE));
            }
            case HOST_KEY_UNKNOWN -> {
                if (r.hostKey().isPresent()) {
                    HostKey k = r.hostKey().get();
                    shownKey = k;
                    setResult("This SFTP server is not known yet. Before Triplicate sends anything, check that it is "
                            + "the server you mean: compare its host key's fingerprint below with the server's own "
                            + "(on the server: ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub).", true);
                    fingerprint.setText(k.type() + " host key of " + k.host() + ":" + k.port() + "\n"
                            + k.fingerprint());
                    hostKeyBox.setVisible(true);
                } else {
                    setResult(r.message(), true);
                }
            }
            case HOST_KEY_CHANGED -> {
                hostKeyBox.setVisible(false);
                setResult(r.message(), true);
                result.setGraphic(Icons.of(Material2OutlinedMZ.WARNING));
            }
            case FAILED -> {
                hostKeyBox.setVisible(false);
                setResult(r.message(), true);
            }
        }
    }

    private void trust() {
        HostKey k = shownKey;
        if (k == null) {
            return;
        }
        Form f = form();
        hostKeyBox.setVisible(false);
        setResult("Trusting " + k.fingerprint() + " and testing again...", false);
        run(() -> {
            RemoteSettingsService service = context.services().remoteSettings;
            RemoteConfig c = f.config(service);
            service.trust(c, f.typedSecret(), k.fingerprint());
            return service.test(c, f.typedSecret());
        }, this::showTest);
    }

    private <T> void run(Callable<T> work, java.util.function.Consumer<T> done) {
        if (busy) {
            return;
        }
        busy = true;
        save.setDisable(true);
        test.setDisable(true);
        trust.setDisable(true);
        context.background().run(work, r -> {
            idle();
            done.accept(r);
        }, e -> {
            idle();
            hostKeyBox.setVisible(false);
            setResult(words(e), true);
        });
    }

    private void idle() {
        busy = false;
        save.setDisable(false);
        test.setDisable(false);
        trust.setDisable(false);
    }

    private void setResult(String text, boolean problem) {
        result.setText(text);
        result.setGraphic(problem ? Icons.of(Material2OutlinedAL.ERROR_OUTLINE) : null);
        result.getStyleClass().removeAll("form-problem", Styles.SUCCESS);
        if (problem) {
            result.getStyleClass().add("form-problem");
        }
    }

    /** A failure's message in words; never a stack trace. */
    static String words(Throwable e) {
        Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof UsageException || c instanceof RemoteException || c instanceof CannotRunException
                || c instanceof java.io.UncheckedIOException) {
            return c.getMessage();
        }
        if (c instanceof IllegalArgumentException && c.getMessage() != null) {
            return "Check the settings: " + c.getMessage() + ".";
        }
        return "That did not work (" + c.getClass().getSimpleName() + "); the details are in the log file in "
                + "Triplicate's home folder.";
    }
}
