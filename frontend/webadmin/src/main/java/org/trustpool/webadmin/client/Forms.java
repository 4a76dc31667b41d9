package org.trustpool.webadmin.client;

import java.util.List;
import java.util.function.Function;

import com.google.gwt.user.client.ui.FlexTable;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.Label;
import com.google.gwt.user.client.ui.ListBox;
import com.google.gwt.user.client.ui.TextBox;
import com.google.gwt.user.client.ui.Widget;

/** Small builders for the dialogs' forms. */
final class Forms {
    private Forms() {
    }

    /** Label / field rows. */
    static final class Grid extends FlexTable {
        Grid() {
            setStyleName("form");
        }

        <W extends Widget> W add(String label, W field, String id) {
            int row = getRowCount();
            setText(row, 0, label);
            setWidget(row, 1, field);
            field.getElement().setId(id);
            return field;
        }
    }

    /** A titled box inside a side tab ("scheduling policy", "additional properties"). */
    static FlowPanel section(String title, String id) {
        FlowPanel section = new FlowPanel();
        section.setStyleName("section");
        section.getElement().setId(id);
        Label heading = new Label(title);
        heading.setStyleName("section-title");
        section.add(heading);
        return section;
    }

    static Label hint(String text) {
        Label hint = new Label(text);
        hint.setStyleName("hint");
        return hint;
    }

    static TextBox text(String value) {
        TextBox box = new TextBox();
        box.setText(value == null ? "" : value);
        return box;
    }

    /** Fills a list box with items (value = id, text = name) and selects the one with the given id. */
    static <T> void fill(ListBox box, List<T> items, Function<T, String> id, Function<T, String> name, String selectedId) {
        box.clear();
        for (T item : items) {
            box.addItem(name.apply(item), id.apply(item));
            if (id.apply(item).equals(selectedId)) {
                box.setSelectedIndex(box.getItemCount() - 1);
            }
        }
    }

    static void select(ListBox box, String value) {
        for (int i = 0; i < box.getItemCount(); i++) {
            if (box.getValue(i).equals(value)) {
                box.setSelectedIndex(i);
                return;
            }
        }
    }

    /** The selected value, null when nothing is selected. */
    static String value(ListBox box) {
        int i = box.getSelectedIndex();
        return i < 0 ? null : box.getValue(i);
    }
}
