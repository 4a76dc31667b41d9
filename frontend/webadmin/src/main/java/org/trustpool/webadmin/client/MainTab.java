package org.trustpool.webadmin.client;

import java.util.function.Consumer;

import com.google.gwt.user.client.ui.Button;
import com.google.gwt.user.client.ui.Composite;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.Widget;
import com.google.gwt.xml.client.Element;

/** One main tab: a toolbar of actions over a list that the Inventory keeps fresh. */
abstract class MainTab extends Composite {
    protected final EngineApi api;
    protected final Inventory inventory;
    protected final Notice notice;
    private final FlowPanel toolbar = new FlowPanel();
    private final FlowPanel panel = new FlowPanel();
    /** The list whose selection is this tab's place in the URL (null: the tab has no selection to keep). */
    private ListTable<?> placeTable;
    private Consumer<String> placeChanged = place -> { };

    MainTab(EngineApi api, Inventory inventory, Notice notice) {
        this.api = api;
        this.inventory = inventory;
        this.notice = notice;
        toolbar.setStyleName("toolbar");
        panel.add(toolbar);
        initWidget(panel);
        inventory.addListener(this::render);
    }

    protected void setList(Widget list) {
        panel.add(list);
    }

    /** The search bar goes above the toolbar, as in oVirt. */
    protected void setSearch(Widget search) {
        panel.insert(search, 0);
    }

    /** A panel below the list (the selected item's details). */
    protected void addBelow(Widget widget) {
        panel.add(widget);
    }

    /** The list's selection becomes the tab's place: picking a row changes the URL, the URL selects the row. */
    protected void bindPlace(ListTable<?> table) {
        placeTable = table;
        table.onPicked(this::placeChanged);
    }

    void onPlaceChanged(Consumer<String> listener) {
        this.placeChanged = listener;
    }

    /** Tells the main view that the place (selection, sub-tab) changed, so the URL follows. */
    protected void placeChanged() {
        placeChanged.accept(place());
    }

    /** What the URL says after the tab's name: the selected item's id ("" when none). */
    String place() {
        String key = placeTable == null ? null : placeTable.selectedKey();
        return key == null ? "" : key;
    }

    /** Shows the place a URL names (after a reload, or Back). */
    void showPlace(String place) {
        if (placeTable != null) {
            placeTable.selectKey(place == null || place.isEmpty() ? null : place);
        }
    }

    /** Asks first, then sends: for actions that stop something running (Stop, Maintenance). */
    protected void confirmThenAct(String title, String question, String method, String path, String xml, String doneMessage) {
        new ConfirmDialog(title, question, () -> act(method, path, xml, doneMessage)).open();
    }

    protected Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.getElement().setId(id);
        button.addClickHandler(e -> action.run());
        toolbar.add(button);
        return button;
    }

    /** Shows the lists as the Inventory has them now. */
    protected abstract void render();

    /**
     * Sends an action the toolbar offers; the engine's refusal goes to the message bar in its own words,
     * success to the message bar as what was done.
     */
    protected void act(String method, String path, String xml, String doneMessage) {
        notice.clear();
        EngineApi.Failure failed = notice::error;
        Consumer<Element> ok = root -> {
            notice.info(doneMessage);
            inventory.refresh();
        };
        switch (method) {
            case "POST": api.post(path, xml, ok, failed); break;
            case "DELETE": api.delete(path, ok, failed); break;
            default: throw new IllegalArgumentException(method);
        }
    }

    /** The status as people read it ("Non Operational"); the raw value stays in the style. */
    static String statusLabel(String status) {
        return XmlText.label(status);
    }

    static String statusStyle(String status) {
        return status == null || status.isEmpty() ? "" : "status-" + status;
    }
}
