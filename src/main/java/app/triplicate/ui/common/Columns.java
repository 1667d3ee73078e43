package app.triplicate.ui.common;

import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Table columns that show their whole text at the window's default size: short columns (numbers, states, ages)
 * are sized to their widest content and keep that width; long texts (names, cameras, paths, sentences) wrap
 * onto more lines in a {@link WrapCell} instead of being cut with "...".
 */
public final class Columns {
    /** Only the longest texts (by characters) are measured: enough to find the widest, cheap at 10,000 rows. */
    private static final int MEASURED = 60;
    /** Room for the header's sort arrow. */
    private static final double SORT_ARROW = 18;

    private Columns() {
    }

    /**
     * Sizes {@code column} to the widest of its header and its rows' {@code text}s (plus {@code graphic}, the
     * width of an icon or pill beside the text) whenever the rows change, and holds it at that width so a
     * constrained table gives and takes space only from its wrapping columns.
     */
    public static <S> void fit(TableColumn<S, ?> column, Function<S, String> text, double graphic) {
        Runnable refit = () -> {
            TableView<S> table = column.getTableView();
            if (table != null) {
                double w = Math.ceil(width(table, column, text, graphic));
                column.setMinWidth(w);
                column.setPrefWidth(w);
                column.setMaxWidth(w);
            }
        };
        ListChangeListener<S> onRows = c -> refit.run();
        // an invalidation listener: a change listener misses a new list equal to the old (both empty)
        List<ObservableList<S>> watched = new ArrayList<>(1);
        InvalidationListener onItems = o -> {
            watched.forEach(l -> l.removeListener(onRows));
            watched.clear();
            TableView<S> table = column.getTableView();
            if (table != null && table.getItems() != null) {
                table.getItems().addListener(onRows);
                watched.add(table.getItems());
            }
            refit.run();
        };
        column.tableViewProperty().addListener((o, was, table) -> {
            if (was != null) {
                was.itemsProperty().removeListener(onItems);
            }
            if (table != null) {
                table.itemsProperty().addListener(onItems);
                // the header's font is known once the table is styled and laid out
                table.skinProperty().addListener((s, a, b) -> Platform.runLater(refit));
            }
            onItems.invalidated(o);
        });
    }

    private static <S> double width(TableView<S> table, TableColumn<S, ?> column, Function<S, String> text,
                                    double graphic) {
        Font header = headerFont(table);
        Font cell = Font.font(header.getFamily(), FontWeight.NORMAL, header.getSize());
        double em = header.getSize();
        double widest = textWidth(column.getText(), header) + em + SORT_ARROW;
        double content = table.getItems().stream().map(text).filter(Objects::nonNull).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).limit(MEASURED)
                .mapToDouble(t -> textWidth(t, cell)).max().orElse(0);
        // a cell's padding is 0.5em on each side; a few pixels more so rounding never brings "..."
        return Math.max(widest, content + (content > 0 ? graphic : 0) + em + 6);
    }

    /** The font of the table's column headers once styled; the default font before that. */
    private static Font headerFont(TableView<?> table) {
        for (Node n : table.lookupAll(".column-header .label")) {
            if (n instanceof Labeled l && l.getFont() != null) {
                return l.getFont();
            }
        }
        return Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 14);
    }

    private static double textWidth(String s, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    /**
     * A cell whose text wraps onto as many lines as the column's width needs, and its row grows to show them all
     * (a row is as tall as its tallest cell), so the text is never cut. The text is drawn by a {@link Text} that
     * wraps at the cell's width: a Labeled's own wrapping still cuts its last line with "..." when its row was
     * measured at another width.
     */
    public static class WrapCell<S, T> extends TableCell<S, T> {
        private final Text wrapped = new Text();

        public WrapCell() {
            getStyleClass().add("wrap-cell");
            wrapped.getStyleClass().add("wrapped-text");
            wrapped.textProperty().bind(textProperty());
            wrapped.fontProperty().bind(fontProperty());
            wrapped.fillProperty().bind(textFillProperty());
            // no wrapping (0) until the cell has a width: wrapped at 1 px, the first measure would be a letter a line
            wrapped.wrappingWidthProperty().bind(Bindings.createDoubleBinding(() -> {
                double w = getWidth() - getInsets().getLeft() - getInsets().getRight() - 1;
                return w > 8 ? w : 0;
            }, widthProperty(), insetsProperty()));
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setGraphic(empty ? null : wrapped);
        }
    }
}
