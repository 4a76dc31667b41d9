package org.trustpool.webadmin.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.google.gwt.user.client.ui.Composite;
import com.google.gwt.user.client.ui.FlexTable;
import com.google.gwt.user.client.ui.HTMLTable;

/**
 * A plain list: a header row, one row per item, click to select, click a header to sort by that column
 * (again: the other way round). The selection is kept by key across
 * refreshes, and the rows are rebuilt only when what they show changed, so a refresh every few seconds
 * neither flickers nor loses the selection. Rows have ids ({prefix}-row-{name}) and cells a data-col
 * attribute, for people with developer tools and for the browser tests.
 */
final class ListTable<T> extends Composite {
    static final class Column<T> {
        final String key;
        final String header;
        final Function<T, String> text;
        final Function<T, String> style;
        Function<T, String> title;

        Column(String key, String header, Function<T, String> text, Function<T, String> style) {
            this.key = key;
            this.header = header;
            this.text = text;
            this.style = style;
        }
    }

    private final FlexTable table = new FlexTable();
    private final String idPrefix;
    private final Function<T, String> key;
    private final Function<T, String> name;
    private final List<Column<T>> columns = new ArrayList<>();
    private List<T> rows = new ArrayList<>();
    private String selectedKey;
    private String shown;
    private Runnable selectionChanged = () -> { };
    private Runnable activated = () -> { };
    /** Told when the person picks a row (not when a refresh redraws it): the URL follows. */
    private Runnable picked = () -> { };
    /** A selection asked for before the rows arrived (from the URL after a reload), applied when they do. */
    private String pendingKey;
    /** The column sorted by (null: the engine's order) and the direction. */
    private Column<T> sortColumn;
    private boolean descending;

    ListTable(String idPrefix, Function<T, String> key, Function<T, String> name) {
        this.idPrefix = idPrefix;
        this.key = key;
        this.name = name;
        table.setStyleName("list");
        table.getElement().setId(idPrefix + "-table");
        table.addClickHandler(event -> {
            HTMLTable.Cell cell = table.getCellForEvent(event);
            if (cell == null) {
                return;
            }
            if (cell.getRowIndex() == 0) {
                sortBy(cell.getCellIndex());
            } else if (cell.getRowIndex() <= rows.size()) {
                select(key.apply(rows.get(cell.getRowIndex() - 1)));
                picked.run();
            }
        });
        // Double-click opens the item (Edit), as in oVirt; the first click of it has already selected.
        table.addDoubleClickHandler(event -> {
            if (selectedKey != null) {
                activated.run();
            }
        });
        initWidget(table);
    }

    ListTable<T> column(String colKey, String header, Function<T, String> text) {
        return column(colKey, header, text, null);
    }

    ListTable<T> column(String colKey, String header, Function<T, String> text, Function<T, String> style) {
        columns.add(new Column<>(colKey, header, text, style));
        return this;
    }

    /** A tooltip (title) for the cells of the column added last. */
    ListTable<T> title(Function<T, String> title) {
        columns.get(columns.size() - 1).title = title;
        return this;
    }

    void onSelectionChanged(Runnable handler) {
        this.selectionChanged = handler;
    }

    void onActivated(Runnable handler) {
        this.activated = handler;
    }

    void onPicked(Runnable handler) {
        this.picked = handler;
    }

    String selectedKey() {
        return selectedKey;
    }

    /** Selects the item with this key now, or as soon as the rows show it (a place from the URL). */
    void selectKey(String newKey) {
        if (newKey == null) {
            pendingKey = null;
            if (selectedKey != null) {
                select(null);
            }
            return;
        }
        for (T row : rows) {
            if (key.apply(row).equals(newKey)) {
                pendingKey = null;
                if (!newKey.equals(selectedKey)) {
                    select(newKey);
                }
                return;
            }
        }
        pendingKey = newKey;
    }

    /** The rows in the order shown (sorted when a header was clicked). */
    List<T> shownRows() {
        return rows;
    }

    private void sortBy(int columnIndex) {
        Column<T> column = columns.get(columnIndex);
        descending = column == sortColumn && !descending;
        sortColumn = column;
        rows = sorted(rows);
        shown = signature();
        rebuild();
    }

    private List<T> sorted(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        if (sortColumn != null) {
            Column<T> c = sortColumn;
            copy.sort((a, b) -> {
                int order = XmlText.compareCells(c.text.apply(a), c.text.apply(b));
                return descending ? -order : order;
            });
        }
        return copy;
    }

    T selected() {
        for (T row : rows) {
            if (key.apply(row).equals(selectedKey)) {
                return row;
            }
        }
        return null;
    }

    void setRows(List<T> newRows) {
        rows = sorted(newRows);
        if (pendingKey != null) {
            for (T row : rows) {
                if (key.apply(row).equals(pendingKey)) {
                    selectedKey = pendingKey;
                    pendingKey = null;
                    break;
                }
            }
            if (pendingKey != null && !rows.isEmpty()) {
                pendingKey = null; // the rows are here and it is not among them (removed since the URL was made)
            }
        }
        if (selectedKey != null && selected() == null) {
            selectedKey = null; // the item is gone
        }
        String signature = signature();
        if (!signature.equals(shown)) {
            shown = signature;
            rebuild();
        }
        selectionChanged.run(); // its status may have changed, and with it which actions apply
    }

    void clearSelection() {
        select(null);
    }

    private void select(String newKey) {
        selectedKey = newKey;
        shown = signature();
        rebuild();
        selectionChanged.run();
    }

    private String signature() {
        StringBuilder s = new StringBuilder(selectedKey == null ? "-" : selectedKey);
        s.append('|').append(sortColumn == null ? "" : sortColumn.key).append(descending ? "-" : "+");
        for (T row : rows) {
            s.append('\n').append(key.apply(row));
            for (Column<T> c : columns) {
                s.append('\t').append(c.text.apply(row));
            }
        }
        return s.toString();
    }

    private void rebuild() {
        table.removeAllRows();
        for (int c = 0; c < columns.size(); c++) {
            Column<T> column = columns.get(c);
            boolean sorted = column == sortColumn;
            table.setText(0, c, column.header + (sorted ? (descending ? " \u25bc" : " \u25b2") : ""));
            table.getCellFormatter().getElement(0, c).setAttribute("data-col", column.key);
            table.getCellFormatter().getElement(0, c).setTitle("Sort by " + column.header);
            table.getCellFormatter().setStyleName(0, c, sorted ? (descending ? "sortable sort-desc" : "sortable sort-asc") : "sortable");
        }
        table.getRowFormatter().setStyleName(0, "header");
        if (rows.isEmpty()) {
            table.setText(1, 0, "No items to display");
            table.getFlexCellFormatter().setColSpan(1, 0, columns.size());
            table.getCellFormatter().setStyleName(1, 0, "empty");
            return;
        }
        for (int r = 0; r < rows.size(); r++) {
            T row = rows.get(r);
            int tr = r + 1;
            for (int c = 0; c < columns.size(); c++) {
                Column<T> column = columns.get(c);
                String text = column.text.apply(row);
                table.setText(tr, c, text == null ? "" : text);
                table.getCellFormatter().getElement(tr, c).setAttribute("data-col", column.key);
                if (column.title != null) {
                    String title = column.title.apply(row);
                    if (title != null && !title.isEmpty()) {
                        table.getCellFormatter().getElement(tr, c).setTitle(title);
                    }
                }
                if (column.style != null) {
                    String style = column.style.apply(row);
                    if (style != null && !style.isEmpty()) {
                        table.getCellFormatter().addStyleName(tr, c, style);
                    }
                }
            }
            table.getRowFormatter().setStyleName(tr, "row");
            if (key.apply(row).equals(selectedKey)) {
                table.getRowFormatter().addStyleName(tr, "selected");
            }
            table.getRowFormatter().getElement(tr).setId(idPrefix + "-row-" + name.apply(row));
        }
    }
}
