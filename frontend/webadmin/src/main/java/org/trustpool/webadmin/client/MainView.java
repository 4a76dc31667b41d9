package org.trustpool.webadmin.client;

import java.util.ArrayList;
import java.util.List;

import com.google.gwt.i18n.client.DateTimeFormat;
import com.google.gwt.user.client.Timer;
import com.google.gwt.user.client.ui.Button;
import com.google.gwt.user.client.ui.Composite;
import com.google.gwt.user.client.ui.DeckPanel;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.InlineLabel;
import com.google.gwt.user.client.ui.Label;

/** The header, the main tabs, the message bar, and the timer that keeps the lists fresh. */
final class MainView extends Composite {
    /** Lists refresh on their own this often. */
    static final int REFRESH_MILLIS = 3000;

    private final Inventory inventory;
    private final DeckPanel deck = new DeckPanel();
    private final List<Button> tabs = new ArrayList<>();
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
        showTab(1); // Hosts: where an administrator looks first
    }

    private void addTab(FlowPanel tabBar, String key, String title, MainTab tab) {
        int index = tabs.size();
        Button button = new Button(title);
        button.getElement().setId("tab-" + key);
        button.addClickHandler(e -> showTab(index));
        tabs.add(button);
        tabBar.add(button);
        tab.getElement().setId("panel-" + key);
        deck.add(tab);
    }

    private void showTab(int index) {
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
    }
}
