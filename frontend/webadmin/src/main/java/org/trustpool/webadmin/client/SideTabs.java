package org.trustpool.webadmin.client;

import java.util.ArrayList;
import java.util.List;

import com.google.gwt.user.client.ui.Button;
import com.google.gwt.user.client.ui.Composite;
import com.google.gwt.user.client.ui.DeckPanel;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.HorizontalPanel;
import com.google.gwt.user.client.ui.Widget;

/** oVirt's dialog side tabs: a column of tab names on the left, the chosen tab's fields on the right. */
final class SideTabs extends Composite {
    private final FlowPanel names = new FlowPanel();
    private final DeckPanel deck = new DeckPanel();
    private final List<Button> buttons = new ArrayList<>();
    private final String idPrefix;

    SideTabs(String idPrefix) {
        this.idPrefix = idPrefix;
        HorizontalPanel panel = new HorizontalPanel();
        names.setStyleName("sidetabs");
        deck.setStyleName("sidetab-pane");
        panel.add(names);
        panel.add(deck);
        initWidget(panel);
    }

    void add(String key, String title, Widget content) {
        int index = buttons.size();
        Button button = new Button(title);
        button.setStyleName("sidetab");
        button.getElement().setId(idPrefix + "-sidetab-" + key);
        button.addClickHandler(e -> show(index));
        buttons.add(button);
        names.add(button);
        content.getElement().setId(idPrefix + "-pane-" + key);
        deck.add(content);
        if (index == 0) {
            show(0);
        }
    }

    void show(int index) {
        deck.showWidget(index);
        for (int i = 0; i < buttons.size(); i++) {
            buttons.get(i).setStyleName("sidetab" + (i == index ? " selected" : ""));
        }
    }
}
