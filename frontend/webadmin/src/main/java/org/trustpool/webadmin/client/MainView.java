package org.trustpool.webadmin.client;

import java.util.ArrayList;
import java.util.List;

import com.google.gwt.event.shared.HandlerRegistration;
import com.google.gwt.i18n.client.DateTimeFormat;
import com.google.gwt.user.client.History;
import com.google.gwt.user.client.Timer;
import com.google.gwt.user.client.ui.Button;
import com.google.gwt.user.client.ui.Composite;
import com.google.gwt.user.client.ui.DeckPanel;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.InlineLabel;
import com.google.gwt.user.client.ui.Label;

/**
 * The header, the main tabs, the message bar, and the timer that keeps the lists fresh. Each tab and
 * selection has its URL (a history token: #hosts, #hosts/{id}/trust, #vms/{id}), so a reload comes
 * back to the same place and Back and Forward move between places.
 */
final class MainView extends Composite {
    /** Lists refresh on their own this often. */
    static final int REFRESH_MILLIS = 3000;

    private final Inventory inventory;
    private final DeckPanel deck = new DeckPanel();
    private final List<Button> tabs = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final List<MainTab> panels = new ArrayList<>();
    private int current = -1;
    private HandlerRegistration history;
    private final Label refreshed = new InlineLabel();
    private final Timer timer = new Timer() {
        @Override
        public void run() {
            inventory.refresh();
        }
    };

    MainView(EngineApi api, Runnable logout) {
        this.inventory = new Inventory(api);
        Notice notice = new Notice();

        FlowPanel header = new FlowPanel();
        header.setStyleName("topbar");
        Label title = new Label("Trustpool Administration Portal");
        title.setStyleName("title");
        Label user = new Label("Logged in as " + api.user());
        user.setStyleName("user");
        user.getElement().setId("header-user");
        Button logoutButton = new Button("Logout");
        logoutButton.getElement().setId("logout");
        logoutButton.addClickHandler(e -> logout.run());
        header.add(title);
        header.add(user);
        header.add(logoutButton);

        FlowPanel tabBar = new FlowPanel();
        tabBar.setStyleName("tabbar");
        addTab(tabBar, "clusters", "Clusters", new ClustersTab(api, inventory, notice));
        addTab(tabBar, "hosts", "Hosts", new HostsTab(api, inventory, notice));
        addTab(tabBar, "vms", "Virtual Machines", new VmsTab(api, inventory, notice));
        addTab(tabBar, "templates", "Templates", new TemplatesTab(api, inventory, notice));
        addTab(tabBar, "exports", "Exports", new ExportsTab(api, inventory, notice));
        addTab(tabBar, "events", "Events", new EventsTab(api, inventory, notice));
        refreshed.setStyleName("refreshed");
        refreshed.getElement().setId("refresh-status");
        tabBar.add(refreshed);

        FlowPanel content = new FlowPanel();
        content.setStyleName("content");
        content.add(deck);

        FlowPanel page = new FlowPanel();
        page.getElement().setId("main");
        page.add(header);
        page.add(tabBar);
        page.add(notice);
        page.add(content);
        initWidget(page);

        DateTimeFormat clock = DateTimeFormat.getFormat("HH:mm:ss");
        inventory.addListener(() -> {
            refreshed.setText("Refreshed " + clock.format(new java.util.Date()));
        });
        inventory.onRefreshFailed(message -> refreshed.setText("Refresh failed: " + message));
        // The place the URL names (a reload, a bookmark), else Hosts: where an administrator looks first.
        showToken(History.getToken());
        history = History.addValueChangeHandler(e -> showToken(e.getValue()));
    }

    /** "hosts/{id}/trust" -> the Hosts tab, with "{id}/trust" as its place. */
    private void showToken(String token) {
        String t = token == null ? "" : token;
        int slash = t.indexOf('/');
        String key = slash < 0 ? t : t.substring(0, slash);
        String place = slash < 0 ? "" : t.substring(slash + 1);
        int index = keys.indexOf(key);
        if (index < 0) {
            index = keys.indexOf("hosts");
            place = "";
        }
        showTab(index);
        panels.get(index).showPlace(place);
        String canonical = tokenOf(index, panels.get(index).place().isEmpty() ? place : panels.get(index).place());
        if (!canonical.equals(t)) {
            History.replaceItem(canonical, false);
        }
    }

    private String tokenOf(int index, String place) {
        return keys.get(index) + (place == null || place.isEmpty() ? "" : "/" + place);
    }

    private void addTab(FlowPanel tabBar, String key, String title, MainTab tab) {
        int index = tabs.size();
        Button button = new Button(title);
        button.getElement().setId("tab-" + key);
        button.addClickHandler(e -> History.newItem(tokenOf(index, tab.place())));
        tabs.add(button);
        keys.add(key);
        panels.add(tab);
        tabBar.add(button);
        tab.getElement().setId("panel-" + key);
        // A new selection is a new place: a history entry, without showing again what is shown.
        tab.onPlaceChanged(place -> {
            if (current == index) {
                History.newItem(tokenOf(index, place), false);
            }
        });
        deck.add(tab);
    }

    private void showTab(int index) {
        current = index;
        deck.showWidget(index);
        for (int i = 0; i < tabs.size(); i++) {
            tabs.get(i).setStyleName(i == index ? "tab selected" : "tab");
        }
    }

    void start() {
        inventory.refresh();
        timer.scheduleRepeating(REFRESH_MILLIS);
    }

    void stop() {
        timer.cancel();
        if (history != null) {
            history.removeHandler();
            history = null;
        }
    }
}
