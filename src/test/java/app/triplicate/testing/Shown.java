package app.triplicate.testing;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What a control draws, as opposed to what it holds: a label or cell too narrow for its text draws a shortened
 * copy ending in "..." in its skin's text node; a wrapped one draws every line, and they must fit its height.
 * Call on the JavaFX thread (UiTest.fx) or after the scene has settled.
 */
public final class Shown {
    private Shown() {
    }

    /** The text {@code labeled} draws now (its skin's text node), or null when it draws none. */
    public static String drawn(Labeled labeled) {
        if (labeled.getGraphic() instanceof Text wrapped && wrapped.getStyleClass().contains("wrapped-text")) {
            return wrapped.getText(); // a Text wrapping at the cell's width draws every word
        }
        for (Node n : labeled.getChildrenUnmodifiable()) {
            if (n instanceof Text t && n.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return null;
    }

    /** Fails unless {@code labeled} draws all of {@code expected}: nothing cut off with "...", no line hidden. */
    public static void assertWhole(Labeled labeled, String expected, String what) {
        String problem = problem(labeled, expected);
        assertNull(problem, () -> what + ": " + problem);
    }

    /** What keeps {@code labeled} from showing all of {@code expected}, or null when it shows it whole. */
    public static String problem(Labeled labeled, String expected) {
        String drawn = drawn(labeled);
        if (drawn == null) {
            return "nothing drawn (expected \"" + expected + "\")";
        }
        if (!drawn.equals(expected)) {
            return "cut off: \"" + drawn + "\" for \"" + expected + "\"";
        }
        Text text = labeled.getGraphic() instanceof Text wrapped && wrapped.getStyleClass().contains("wrapped-text")
                ? wrapped : labeled.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Text t && t.getText() == drawn).map(Text.class::cast).findFirst().orElseThrow();
        double wide = labeled.getWidth() - labeled.getInsets().getLeft() - labeled.getInsets().getRight();
        if (text.getLayoutBounds().getWidth() > wide + 0.5) {
            return "its text is " + text.getLayoutBounds().getWidth() + " px wide in " + wide + " px: \"" + expected
                    + "\"";
        }
        double room = labeled.getHeight() - labeled.getInsets().getTop() - labeled.getInsets().getBottom();
        if (text.getLayoutBounds().getHeight() > room + 0.5) {
            return "its lines are " + text.getLayoutBounds().getHeight() + " px tall in " + room + " px: \"" + expected
                    + "\"";
        }
        return null;
    }

    /**
     * Waits (up to 5 s) until every rendered cell of these columns shows its whole text: rows take their height
     * from their wrapped cells over a layout pass or two. The caller then asserts, naming any cell still cut.
     */
    public static void settle(UiTest test, TableView<?> table, List<String> columnIds) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () ->
                    org.testfx.util.WaitForAsyncUtils.asyncFx(() -> columnIds.stream()
                            .flatMap(c -> cells(table, c).stream())
                            .allMatch(c -> problem(c, c.getText()) == null)).get());
        } catch (java.util.concurrent.TimeoutException e) {
            // the caller's assertions say which cell is cut
        }
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** The rendered, non-empty cells of a column (by id) of {@code table}. */
    public static List<TableCell<?, ?>> cells(TableView<?> table, String columnId) {
        return table.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                        && columnId.equals(c.getTableColumn().getId()) && !c.isEmpty() && c.isVisible()
                        && c.getTableRow() != null && c.getTableRow().getItem() != null)
                .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n).toList();
    }
}
