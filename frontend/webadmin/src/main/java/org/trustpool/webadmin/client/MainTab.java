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

    static String statusStyle(String status) {
        return status == null || status.isEmpty() ? "" : "status-" + status;
    }
}
