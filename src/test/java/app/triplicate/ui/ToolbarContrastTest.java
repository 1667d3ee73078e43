package app.triplicate.ui;

import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Theme;
import app.triplicate.ui.dashboard.DashboardView;
import app.triplicate.ui.drives.DrivesView;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every labelled tool bar button can be read without hovering it: its text colour, as the theme's stylesheets
 * resolve it, against the colour painted behind it reaches WCAG's 4.5:1 for normal text, in light and dark.
 */
class ToolbarContrastTest extends UiTest {
    static final double WCAG_AA = 4.5;

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void theDrivesToolbarIsReadableAtRestAndHovered(String theme) throws Exception {
        fixture.drive("Studio SSD");
        Parent root = showIn(theme, fixture.openContext(), c -> (Parent) new DrivesView(c).node());
        Button add = lookup("#drive-add").queryButton();
        assertEquals("Add drive...", add.getText());

        // at rest: neither under the pointer nor focused (focus alone gives it a darker fill)
        moveTo((Node) lookup("#drives-table").query());
        fx(() -> lookup("#drives-table").query().requestFocus());
        assertFalse(add.isHover() || add.isFocused());
        assertReadable(root, theme);

        moveTo(add);
        assertTrue(add.isHover());
        assertReadable(root, theme);
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void theSessionsToolbarIsReadable(String theme) throws Exception {
        Parent root = showIn(theme, fixture.openContext(), c -> (Parent) new DashboardView(c).node());
        assertReadable(root, theme);
    }

    private Parent showIn(String theme, AppContext context, Function<AppContext, Parent> build) throws Exception {
        Parent root = show(context, build);
        fx(() -> {
            Theme.apply(theme);
            root.applyCss();
        });
        return root;
    }

    /** Each enabled button with text in each tool bar under {@code root}. */
    private void assertReadable(Parent root, String theme) {
        List<ButtonBase> buttons = new ArrayList<>();
        fx(() -> {
            root.applyCss();
            for (Node bar : root.lookupAll(".tool-bar")) {
                for (Node item : ((ToolBar) bar).getItems()) {
                    if (item instanceof ButtonBase b && !b.isDisabled() && b.getText() != null && !b.getText().isBlank()) {
                        buttons.add(b);
                    }
                }
            }
        });
        assertFalse(buttons.isEmpty(), "no labelled button found in a tool bar");
        for (ButtonBase b : buttons) {
            Paint fill = b.getTextFill();
            assertInstanceOf(Color.class, fill, b.getText());
            Color text = (Color) fill;
            Color behind = behind(b);
            double ratio = contrast(text, behind);
            assertTrue(ratio >= WCAG_AA, String.format("\"%s\" (%s theme%s): text %s on %s has contrast %.2f:1, "
                    + "under %.1f:1", b.getText(), theme, b.isHover() ? ", hovered" : "", text, behind, ratio, WCAG_AA));
        }
    }

    /**
     * The colour seen behind a node's text: its own and its parents' top background fills, composited from
     * the scene's (white when nothing is painted) up.
     */
    static Color behind(Node node) {
        List<Color> layers = new ArrayList<>();
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof Region r && top(r.getBackground()) instanceof Color c && c.getOpacity() > 0) {
                layers.add(0, c);
                if (c.isOpaque()) {
                    break;
                }
            }
        }
        Color result = node.getScene().getFill() instanceof Color c && c.isOpaque() ? c : Color.WHITE;
        for (Color layer : layers) {
            double a = layer.getOpacity();
            result = Color.color(layer.getRed() * a + result.getRed() * (1 - a),
                    layer.getGreen() * a + result.getGreen() * (1 - a),
                    layer.getBlue() * a + result.getBlue() * (1 - a));
        }
        return result;
    }

    /** The last (innermost, painted on top) fill of a background, which is what text sits on. */
    private static Paint top(Background background) {
        if (background == null || background.getFills().isEmpty()) {
            return null;
        }
        List<BackgroundFill> fills = background.getFills();
        return fills.get(fills.size() - 1).getFill();
    }

    /** WCAG 2 contrast ratio of two opaque colours. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
