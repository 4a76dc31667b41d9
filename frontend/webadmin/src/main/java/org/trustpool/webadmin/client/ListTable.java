package org.trustpool.webadmin.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.google.gwt.user.client.ui.Composite;
import com.google.gwt.user.client.ui.FlexTable;
import com.google.gwt.user.client.ui.HTMLTable;

/**
 * A plain list: a header row, one row per item, click to select. The selection is kept by key across
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

    ListTable(String idPrefix, Function<T, String> key, Function<T, String> name) {
        this.idPrefix = idPrefix;
        this.key = key;
        this.name = name;
        table.setStyleName("list");
        table.getElement().setId(idPrefix + "-table");
        table.addClickHandler(event -> {
            HTMLTable.Cell cell = table.getCellForEvent(event);
            if (cell != null && cell.getRowIndex() > 0 && cell.getRowIndex() <= rows.size()) {
                select(key.apply(rows.get(cell.getRowIndex() - 1)));
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

    T selected() {
        for (T row : rows) {
            if (key.apply(row).equals(selectedKey)) {
                return row;
            }
        }
        return null;
    }

    void setRows(List<T> newRows) {
        rows = new ArrayList<>(newRows);
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
            table.setText(0, c, columns.get(c).header);
            table.getCellFormatter().getElement(0, c).setAttribute("data-col", columns.get(c).key);
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
