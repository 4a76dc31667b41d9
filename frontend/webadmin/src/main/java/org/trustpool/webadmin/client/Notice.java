package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.Composite;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.InlineLabel;
import com.google.gwt.user.client.ui.Label;

/**
 * The message bar under the tabs: the engine's words when it refuses an action (error), or what an
 * action did (info). It stays until closed or replaced, so a message cannot flash by unread.
 */
final class Notice extends Composite {
    private final FlowPanel panel = new FlowPanel();
    private final Label text = new InlineLabel();

    Notice() {
        InlineLabel close = new InlineLabel("\u00d7");
        close.setStyleName("close");
        close.setTitle("Close");
        close.getElement().setId("message-close");
        close.addClickHandler(e -> clear());
        text.getElement().setId("message-text");
        panel.add(close);
        panel.add(text);
        panel.getElement().setId("message");
        initWidget(panel);
        clear();
    }

    void error(String message) {
        show("notice error", message);
    }

    void info(String message) {
        show("notice info", message);
    }

    void clear() {
        text.setText("");
        panel.setVisible(false);
    }

    private void show(String style, String message) {
        panel.setStyleName(style);
        text.setText(message);
        panel.setVisible(true);
    }
}
